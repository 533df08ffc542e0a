package dev.sluice.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The two files of a model the user brings: an ONNX graph and its HuggingFace {@code tokenizer.json},
 * with the SHA-256 of each (part of the model's version, so a changed file is a new embedding space).
 *
 * @param onnx the ONNX file
 * @param tokenizer the tokenizer file
 * @param onnxSha256 hex SHA-256 of the ONNX file
 * @param tokenizerSha256 hex SHA-256 of the tokenizer file
 */
public record ModelFiles(Path onnx, Path tokenizer, String onnxSha256, String tokenizerSha256) {
    /** What an embedding model's graph must look like; every refusal repeats it. */
    public static final String EXPECTED = "an embedding model takes the inputs input_ids and attention_mask"
            + " (token_type_ids optional) and gives last_hidden_state [batch, tokens, dimensions] or a pooled"
            + " 2-D output [batch, dimensions]";

    private static final Set<String> INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");

    /**
     * What the graph offers, checked.
     *
     * @param output the output Sluice reads
     * @param pooled whether that output is already one vector per input (2-D), so no pooling is applied
     * @param needsTokenTypeIds whether the graph takes token_type_ids
     */
    public record Graph(String output, boolean pooled, boolean needsTokenTypeIds, int dimensions) {}

    /** Reads both files' hashes; the files must exist (the configuration checked). */
    public static ModelFiles of(Path onnx, Path tokenizer) {
        return new ModelFiles(onnx, tokenizer, sha256(onnx), sha256(tokenizer));
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = digest();
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Opens the graph once and checks it is an embedding model; returns what it offers.
     *
     * @throws IllegalArgumentException naming the file, what it has and what was expected
     */
    public Graph inspect() {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = open(env, onnx, options)) {
            return check(onnx, env, session);
        } catch (OrtException e) {
            throw new IllegalArgumentException(onnx + " cannot be inspected by ONNX Runtime: " + e.getMessage());
        }
    }

    /** Creates a session, turning ONNX Runtime's refusal of a file into a message that says what was expected. */
    static OrtSession open(OrtEnvironment env, Path onnx, OrtSession.SessionOptions options) {
        try {
            return env.createSession(onnx.toString(), options);
        } catch (OrtException e) {
            throw new IllegalArgumentException(onnx + " is not a readable ONNX model (a truncated or other file?):"
                    + " ONNX Runtime says: " + firstLine(e.getMessage()) + "; " + EXPECTED);
        }
    }

    /** Checks inputs and outputs of an open session; a symbolic dimension is found by one tiny run. */
    static Graph check(Path onnx, OrtEnvironment env, OrtSession session) throws OrtException {
        Set<String> inputs = new TreeSet<>(session.getInputNames());
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (!inputs.contains("input_ids") || !inputs.contains("attention_mask") || !INPUTS.containsAll(inputs)) {
            throw notEmbedding(onnx, inputs, outputs);
        }
        String chosen = null;
        int rank = 0;
        if (rankOf(outputs.get("last_hidden_state")) == 3) {
            chosen = "last_hidden_state";
            rank = 3;
        }
        for (int wanted : new int[] {2, 3}) { // a pooled output before another per-token one
            for (Map.Entry<String, NodeInfo> o : outputs.entrySet()) {
                if (chosen == null && rankOf(o.getValue()) == wanted) {
                    chosen = o.getKey();
                    rank = wanted;
                }
            }
        }
        if (chosen == null) {
            throw notEmbedding(onnx, inputs, outputs);
        }
        long[] shape = ((TensorInfo) outputs.get(chosen).getInfo()).getShape();
        long last = shape[shape.length - 1];
        boolean typeIds = inputs.contains("token_type_ids");
        if (last <= 0) {
            last = probe(env, session, chosen, typeIds);
        }
        return new Graph(chosen, rank == 2, typeIds, Math.toIntExact(last));
    }

    private static int rankOf(NodeInfo node) {
        return node != null && node.getInfo() instanceof TensorInfo t && t.type == ai.onnxruntime.OnnxJavaType.FLOAT
                ? t.getShape().length
                : -1;
    }

    private static long probe(OrtEnvironment env, OrtSession session, String output, boolean typeIds)
            throws OrtException {
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("input_ids", OnnxTensor.createTensor(env, new long[][] {{101, 102}}));
            in.put("attention_mask", OnnxTensor.createTensor(env, new long[][] {{1, 1}}));
            if (typeIds) {
                in.put("token_type_ids", OnnxTensor.createTensor(env, new long[][] {{0, 0}}));
            }
            try (OrtSession.Result r = session.run(in, Set.of(output))) {
                long[] shape = ((TensorInfo) r.get(0).getInfo()).getShape();
                return shape[shape.length - 1];
            }
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    private static IllegalArgumentException notEmbedding(Path onnx, Set<String> inputs, Map<String, NodeInfo> outputs) {
        List<String> described = outputs.entrySet().stream()
                .map(e -> e.getKey()
                        + (e.getValue().getInfo() instanceof TensorInfo t
                                ? java.util.Arrays.toString(t.getShape()) + " " + t.type
                                : " (not a tensor)"))
                .toList();
        return new IllegalArgumentException(
                onnx + " is not an embedding model: it takes " + inputs + " and gives " + described + "; " + EXPECTED);
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
