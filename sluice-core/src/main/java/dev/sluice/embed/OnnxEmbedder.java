package dev.sluice.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.sluice.chunk.TokenCounter;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs a shipped ONNX embedding model with ONNX Runtime, called directly.
 *
 * <p>Why not LangChain4j's in-process model, which ships the same weights? Measured on 2 cores, one
 * session with a single intra-op thread, shared by one calling thread per core and fed one
 * unpadded chunk per call, embeds about 1.5 times faster than LangChain4j's path (which splits
 * long texts and pads batches) with identical vectors for chunks within the model's limit.
 * Batching padded chunks was slower on CPU.
 */
public final class OnnxEmbedder implements Embedder {
    private final EmbeddingModelSpec spec;
    private final ModelTokenizer tokenizer;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final boolean needsTokenTypeIds;
    private final String output;
    private final boolean pooledOutput;
    private final int prefixTokens;

    private OnnxEmbedder(
            EmbeddingModelSpec spec,
            ModelTokenizer tokenizer,
            OrtEnvironment env,
            OrtSession session,
            ModelFiles.Graph graph) {
        this.spec = spec;
        this.tokenizer = tokenizer;
        this.environment = env;
        this.session = session;
        this.needsTokenTypeIds = session.getInputNames().contains("token_type_ids");
        this.output = graph != null
                ? graph.output()
                : session.getOutputNames().iterator().next();
        this.pooledOutput = graph != null && graph.pooled();
        this.prefixTokens = tokenizer.count(spec.documentPrefix());
    }

    /**
     * Loads the model from the class path. {@code intraOpThreads} is ONNX Runtime's thread count per
     * call; with one caller per core, 1 is best.
     */
    public static OnnxEmbedder load(EmbeddingModelSpec spec, int intraOpThreads) {
        if (spec.kind() == EmbeddingModelSpec.Kind.ENDPOINT) {
            throw new IllegalArgumentException("embedding model " + spec.id() + " is an endpoint, not an ONNX"
                    + " model: open it with EndpointEmbedder (through the knowledge base's gateway)");
        }
        if (spec.files() != null) {
            return loadFiles(spec, intraOpThreads);
        }
        byte[] model;
        try (InputStream in = EmbeddingModelSpec.class.getResourceAsStream(spec.modelResource())) {
            if (in == null) {
                throw new SluiceException(spec.notOnClassPathMessage());
            }
            model = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + spec.modelResource(), e);
        }
        ModelTokenizer tokenizer = ModelTokenizer.load(spec);
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession session = env.createSession(model, options(intraOpThreads));
            return new OnnxEmbedder(spec, tokenizer, env, session, null);
        } catch (OrtException e) {
            tokenizer.close();
            throw new IllegalStateException("ONNX Runtime cannot load " + spec.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A model from files: the graph is checked again (the file may have changed since the configuration
     * was read) and its dimensions must be the spec's, which the index records.
     */
    private static OnnxEmbedder loadFiles(EmbeddingModelSpec spec, int intraOpThreads) {
        ModelFiles files = spec.files();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try {
            session = ModelFiles.open(env, files.onnx(), options(intraOpThreads));
            ModelFiles.Graph graph = ModelFiles.check(files.onnx(), env, session);
            if (graph.dimensions() != spec.dimensions()) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "%s gives %d-dimension vectors, but embedding model %s (%s) has %d: the file changed"
                                + " since the configuration was read; run the command again",
                        files.onnx(),
                        graph.dimensions(),
                        spec.id(),
                        spec.version(),
                        spec.dimensions()));
            }
            ModelTokenizer tokenizer = ModelTokenizer.load(spec);
            return new OnnxEmbedder(spec, tokenizer, env, session, graph);
        } catch (OrtException | RuntimeException e) {
            if (session != null) {
                try {
                    session.close();
                } catch (OrtException closing) {
                    e.addSuppressed(closing);
                }
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalArgumentException(files.onnx() + ": " + e.getMessage() + "; " + ModelFiles.EXPECTED);
        }
    }

    private static OrtSession.SessionOptions options(int intraOpThreads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(intraOpThreads);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    public EmbeddingModelSpec spec() {
        return spec;
    }

    @Override
    public String modelId() {
        return spec.id();
    }

    @Override
    public String modelVersion() {
        return spec.version();
    }

    @Override
    public int dimensions() {
        return spec.dimensions();
    }

    @Override
    public int maxInputTokens() {
        return spec.maxChunkTokens() - prefixTokens;
    }

    @Override
    public TokenCounter tokenCounter() {
        return tokenizer;
    }

    @Override
    public float[] embedPassage(String text) {
        Encoding encoding = tokenizer.encodeForModel(spec.documentPrefix() + text);
        long[] ids = encoding.getIds();
        if (ids.length > spec.maxSequenceTokens()) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "passage has %d tokens with special tokens, over %s's limit of %d; chunk it with maxTokens <= %d",
                    ids.length,
                    spec.id(),
                    spec.maxSequenceTokens(),
                    maxInputTokens()));
        }
        return run(ids, encoding.getAttentionMask(), encoding.getTypeIds());
    }

    @Override
    public float[] embedQuery(String query) {
        Encoding encoding = tokenizer.encodeForModel(spec.queryPrefix() + query);
        long[] ids = encoding.getIds();
        long[] mask = encoding.getAttentionMask();
        long[] types = encoding.getTypeIds();
        int max = spec.maxSequenceTokens();
        if (ids.length > max) {
            // A query is not stored: cutting a very long one to the model's window is the expected behaviour.
            ids = Arrays.copyOf(ids, max);
            ids[max - 1] = encoding.getIds()[encoding.getIds().length - 1];
            mask = Arrays.copyOf(mask, max);
            types = Arrays.copyOf(types, max);
        }
        return run(ids, mask, types);
    }

    /**
     * Embeds several queries in one model run, padded to the longest, for measuring what batching
     * concurrent queries would give ({@code sluice bench query-path}). Not used to serve searches: it
     * is slower on CPU, and the int8 model quantizes a run's activations over the whole batch, so vector
     * i only approximates {@code embedQuery(queries.get(i))} (cosine 0.99 measured), against this
     * interface's "same text, same vector" contract.
     */
    public float[][] embedQueries(java.util.List<String> queries) {
        int n = queries.size();
        long[][] ids = new long[n][];
        long[][] masks = new long[n][];
        long[][] types = new long[n][];
        int longest = 0;
        for (int i = 0; i < n; i++) {
            Encoding encoding = tokenizer.encodeForModel(spec.queryPrefix() + queries.get(i));
            int length = Math.min(encoding.getIds().length, spec.maxSequenceTokens());
            ids[i] = Arrays.copyOf(encoding.getIds(), length);
            ids[i][length - 1] = encoding.getIds()[encoding.getIds().length - 1];
            masks[i] = Arrays.copyOf(encoding.getAttentionMask(), length);
            types[i] = Arrays.copyOf(encoding.getTypeIds(), length);
            longest = Math.max(longest, length);
        }
        for (int i = 0; i < n; i++) {
            // Padding: token id 0 with attention mask 0 is ignored by attention and by mean pooling.
            ids[i] = Arrays.copyOf(ids[i], longest);
            masks[i] = Arrays.copyOf(masks[i], longest);
            types[i] = Arrays.copyOf(types[i], longest);
        }
        return runBatch(ids, masks, types);
    }

    private float[][] runBatch(long[][] ids, long[][] masks, long[][] types) {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, masks));
            if (needsTokenTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, types));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
                float[][] out = new float[ids.length][];
                for (int i = 0; i < ids.length; i++) {
                    out[i] = finish(result, i, masks[i]);
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "ONNX Runtime failed to embed with " + spec.id() + ": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] run(long[] ids, long[] mask, long[] types) {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, new long[][] {ids}));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, new long[][] {mask}));
            if (needsTokenTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, new long[][] {types}));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
                return finish(result, 0, mask);
            }
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "ONNX Runtime failed to embed with " + spec.id() + ": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Row {@code row} of the output: pooled (unless the graph pooled already), then normalized if asked. */
    private float[] finish(OrtSession.Result result, int row, long[] mask) throws OrtException {
        float[] vector = pooledOutput
                ? ((float[][]) result.get(0).getValue())[row].clone()
                : pool(((float[][][]) result.get(0).getValue())[row], mask);
        return spec.normalize() ? normalize(vector) : vector;
    }

    private float[] pool(float[][] tokens, long[] mask) {
        if (spec.pooling() == EmbeddingModelSpec.Pooling.CLS) {
            return tokens[0].clone();
        }
        float[] sum = new float[tokens[0].length];
        int count = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            count++;
            for (int d = 0; d < sum.length; d++) {
                sum[d] += tokens[t][d];
            }
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= Math.max(count, 1);
        }
        return sum;
    }

    /**
     * {@code v} scaled in place to unit length (a zero vector stays zero), as the cosine search expects;
     * returns {@code v}. Every embedder that normalizes calls this one.
     */
    public static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing a session only frees native memory; nothing to recover
        }
        tokenizer.close();
    }
}
