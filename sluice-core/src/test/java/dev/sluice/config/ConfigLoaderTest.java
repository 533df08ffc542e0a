package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.llm.LlmSettings;
import dev.sluice.llm.TokenParameter;
import dev.sluice.retrieve.RerankSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("sluice.yaml"), yaml);
    }

    @Test
    void should_load_the_starter_file_with_every_value_and_paths_relative_to_the_file() throws Exception {
        SluiceConfig config = ConfigLoader.load(write(StarterConfig.text("handbook", "handbook")));
        assertThat(config.index()).isEqualTo(dir.toAbsolutePath().resolve(".sluice/index"));
        assertThat(config.embedding().model()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(config.chunking().maxTokens()).isEqualTo(256);
        assertThat(config.chunking().overlapTokens()).isEqualTo(32);
        assertThat(config.extraction().maxFileMb()).isEqualTo(32);
        assertThat(config.sources()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("handbook");
            assertThat(s.path()).isEqualTo(dir.toAbsolutePath().resolve("handbook"));
            assertThat(s.freshness()).isEqualTo(Duration.ofHours(24));
        });
    }

    @Test
    void should_take_defaults_for_an_empty_file() throws Exception {
        SluiceConfig config = ConfigLoader.load(write("# nothing yet\n"));
        assertThat(config.sources()).isEmpty();
        assertThat(config.embedding().model()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(config.chunking().maxTokens()).isNull();
    }

    @Test
    void should_refuse_an_unknown_key_naming_its_line_and_the_closest_known_key() throws Exception {
        Path file = write("index: idx\nchunking:\n  maxTokens: 200\n  overlap: 20\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":4: unknown key 'chunking.overlap' (did you mean 'overlapTokens'?);"
                        + " known keys here: maxTokens, overlapTokens");
    }

    @Test
    void should_name_line_and_key_of_a_value_of_the_wrong_type() throws Exception {
        Path file = write("embedding:\n  model: bge-small-en-v1.5-q\n  threads: two\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":3: embedding.threads must be a whole number, got \"two\"");
    }

    @Test
    void should_read_the_ingestion_niceness_and_refuse_one_outside_zero_to_twenty() throws Exception {
        Path given = write("embedding:\n  niceness: 3\n");
        assertThat(EffectiveConfig.resolve(ConfigLoader.load(given), Flags.NONE).ingestNiceness())
                .isEqualTo(3);
        assertThat(dev.sluice.IngestOptions.of(
                                EffectiveConfig.resolve(ConfigLoader.load(given), Flags.NONE),
                                java.util.List.of(dev.sluice.source.DirectorySource.of(given.getParent())))
                        .niceness())
                .isEqualTo(3);
        assertThat(EffectiveConfig.resolve(ConfigLoader.load(write("index: idx\n")), Flags.NONE)
                        .ingestNiceness())
                .as("the default: ingestion yields to searches")
                .isEqualTo(10);
        Path tooLow = write("embedding:\n  niceness: 21\n");
        assertThatThrownBy(() -> ConfigLoader.load(tooLow))
                .hasMessage(tooLow + ":2: embedding.niceness must be 0 (ingestion at the process's own priority) to 19"
                        + " (the lowest nice value), or 20 (the idle scheduling class), got 21");
    }

    @Test
    void should_refuse_chunks_longer_than_the_model_takes() throws Exception {
        Path file = write("embedding:\n  model: all-minilm-l6-v2-q\nchunking:\n  maxTokens: 200\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessageStartingWith(file
                        + ":4: chunking.maxTokens is 200 but embedding model all-minilm-l6-v2-q takes at most 126");
    }

    @Test
    void should_refuse_an_unknown_model_listing_the_choices() throws Exception {
        Path file = write("embedding:\n  model: ada-002\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessageStartingWith(file + ":2: embedding model 'ada-002' is not known")
                .hasMessageContaining("bge-small-en-v1.5-q, all-minilm-l6-v2-q");
    }

    @Test
    void should_check_sources_path_name_globs_and_freshness() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(write("sources:\n  - name: a\n    include: '*.md'\n")))
                .hasMessageContaining(":2: sources[0] needs a path");
        assertThatThrownBy(() -> ConfigLoader.load(write("sources:\n  - path: docs\n  - path: other/docs\n")))
                .hasMessageContaining(":3: source name 'docs' is used twice");
        assertThatThrownBy(() -> ConfigLoader.load(write("sources:\n  - path: docs\n    exclude: ['[']\n")))
                .hasMessageContaining(":3: sources[0].exclude: glob '[' is not valid");
        assertThatThrownBy(() -> ConfigLoader.load(write("sources:\n  - path: docs\n    freshness: soon\n")))
                .hasMessageContaining(
                        ":3: sources[0].freshness must be a positive duration such as 90s, 30m, 24h or 7d, got \"soon\"");
        assertThatThrownBy(() -> ConfigLoader.load(write("sources:\n  - path: docs\n    gitignore: yes please\n")))
                .hasMessageContaining(":3: sources[0].gitignore must be true or false");
        SluiceConfig ok = ConfigLoader.load(
                write("sources:\n  - path: a/docs\n    include: '**/*.md'\n    freshness: 90s\n    gitignore: true\n"));
        assertThat(ok.sources().get(0).gitignore()).isTrue();
        assertThat(ok.sources().get(0).name()).isEqualTo("docs");
        assertThat(ok.sources().get(0).include()).isEqualTo(List.of("**/*.md"));
        assertThat(ok.sources().get(0).freshness()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void should_report_yaml_syntax_errors_with_their_line() throws Exception {
        Path file = write("index: a\nchunking:\n  maxTokens: [1, 2\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void should_say_how_to_create_a_missing_file() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"))).hasMessageContaining("sluice init");
        assertThat(ConfigLoader.loadIfPresent(dir.resolve("missing.yaml")).file())
                .isNull();
    }

    @Test
    void should_suggest_keys_within_a_small_edit_distance_only() {
        assertThat(ConfigLoader.closest("maxtoken", java.util.Set.of("maxTokens", "overlapTokens")))
                .isEqualTo("maxTokens");
        assertThat(ConfigLoader.closest("colour", java.util.Set.of("maxTokens", "overlapTokens")))
                .isNull();
    }

    @Test
    void should_load_a_web_source_with_its_urls_sitemaps_and_fetch_settings() throws Exception {
        SluiceConfig config = ConfigLoader.load(write("""
                sources:
                  - urls: [https://handbook.example.com/start, "https://handbook.example.com/faq#top"]
                    sitemaps: https://handbook.example.com/sitemap.xml
                    freshness: 6h
                    http:
                      allowedHosts: [intranet.example.com]
                      maxMb: 4
                      timeoutSeconds: 10
                      requestsPerSecond: 0.5
                      retries: 1
                """));
        assertThat(config.sources()).singleElement().satisfies(s -> {
            assertThat(s.web()).isTrue();
            assertThat(s.name()).as("named after the first URL's host").isEqualTo("handbook.example.com");
            assertThat(s.urls()).hasSize(2);
            assertThat(s.sitemaps()).singleElement().hasToString("https://handbook.example.com/sitemap.xml");
            assertThat(s.http().allowPrivateAddresses()).isFalse();
            assertThat(s.http().allowedHosts()).containsExactly("intranet.example.com");
            assertThat(s.http().maxBytes()).isEqualTo(4L * 1024 * 1024);
            assertThat(s.http().timeoutMillis()).isEqualTo(10_000);
            assertThat(s.http().requestsPerSecond()).isEqualTo(0.5);
            assertThat(s.http().retries()).isEqualTo(1);
            assertThat(s.freshness()).isEqualTo(Duration.ofHours(6));
        });
    }

    @Test
    void should_refuse_a_web_source_with_folder_keys_or_a_url_that_is_not_http() throws Exception {
        Path mixed = write("sources:\n  - urls: https://example.com/a\n    include: \"**/*.md\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(mixed))
                .hasMessageStartingWith(mixed + ":3: sources[0].include applies to folders and files");
        Path ftp = write("sources:\n  - name: old\n    urls:\n      - ftp://example.com/a\n");
        assertThatThrownBy(() -> ConfigLoader.load(ftp))
                .hasMessage(ftp + ":4: sources[0].urls[0] must be an http or https URL with a host, got"
                        + " 'ftp://example.com/a'");
        Path typo = write("sources:\n  - urls: https://example.com/a\n    http:\n      retry: 2\n");
        assertThatThrownBy(() -> ConfigLoader.load(typo))
                .hasMessageStartingWith(typo + ":4: unknown key 'sources[0].http.retry' (did you mean 'retries'?)");
    }

    @Test
    void should_load_a_language_model_with_its_key_variable_budget_and_prices() throws Exception {
        SluiceConfig config = ConfigLoader.load(write("""
                llm:
                  baseUrl: http://localhost:11434/v1
                  model: llama3.1
                  apiKeyEnv: OLLAMA_KEY
                  strongModel: llama3.1:70b
                  maxAnswerTokens: 300
                  budget:
                    dailyUsd: 2.5
                  prices:
                    llama3.1: {inputPerMillion: 0.1, outputPerMillion: 0.2}
                """));
        SluiceConfig.Llm llm = config.llm();
        assertThat(llm.settings().model()).isEqualTo("llama3.1");
        assertThat(llm.settings().apiKeyEnv()).isEqualTo("OLLAMA_KEY");
        assertThat(llm.strongModel()).isEqualTo("llama3.1:70b");
        assertThat(llm.maxAnswerTokens()).isEqualTo(300);
        assertThat(llm.budget().dailyPicoUsd()).isEqualTo(2_500_000_000_000L);
        assertThat(llm.prices().price("llama3.1").outputPicoUsdPerToken()).isEqualTo(200_000L);
        assertThat(ConfigLoader.load(write("index: x\n")).llm())
                .as("no llm: extractive answers")
                .isNull();
    }

    @Test
    void should_leave_reranking_off_by_default_and_load_its_settings_when_given() throws Exception {
        assertThat(ConfigLoader.load(write("index: x\n")).rerank()).isEqualTo(RerankSettings.DEFAULTS);
        assertThat(RerankSettings.DEFAULTS.enabled()).isFalse();
        SluiceConfig config = ConfigLoader.load(write("""
                retrieval:
                  rerank: {enabled: true, candidates: 30, maxPassageChars: 600, model: gpt-4.1-nano}
                llm:
                  baseUrl: https://api.openai.com/v1
                  model: gpt-4o-mini
                """));
        assertThat(config.rerank()).isEqualTo(new RerankSettings(true, 30, 600, "gpt-4.1-nano"));
    }

    @Test
    void should_refuse_reranking_enabled_without_a_language_model_naming_the_key() throws Exception {
        Path file = write("retrieval:\n  rerank:\n    enabled: true\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3: retrieval.rerank.enabled is true, but reranking asks a language model and"
                        + " sluice.yaml has no llm section: add one (baseUrl, model, apiKeyEnv), or set"
                        + " retrieval.rerank.enabled: false");
        assertThat(ConfigLoader.load(write("retrieval:\n  rerank:\n    enabled: false\n"))
                        .rerank()
                        .enabled())
                .as("off without a model is fine")
                .isFalse();
    }

    @Test
    void should_name_the_rerank_key_and_its_range_for_a_bad_value() throws Exception {
        Path few = write("retrieval:\n  rerank:\n    candidates: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(few))
                .hasMessage(few + ":3: retrieval.rerank.candidates must be from 2 to 100, got 1");
        Path chars = write("retrieval:\n  rerank:\n    maxPassageChars: lots\n");
        assertThatThrownBy(() -> ConfigLoader.load(chars))
                .hasMessage(chars + ":3: retrieval.rerank.maxPassageChars must be a whole number from 100 to 20000,"
                        + " got \"lots\"");
        Path typo = write("retrieval:\n  rerank:\n    candidate: 10\n");
        assertThatThrownBy(() -> ConfigLoader.load(typo))
                .hasMessageStartingWith(
                        typo + ":3: unknown key 'retrieval.rerank.candidate' (did you mean 'candidates'?)");
    }

    @Test
    void should_refuse_an_api_key_in_the_file_and_name_what_is_missing() throws Exception {
        Path key = write("llm:\n  baseUrl: https://api.openai.com/v1\n  model: gpt-4o-mini\n  apiKey: sk-123\n");
        assertThatThrownBy(() -> ConfigLoader.load(key))
                .hasMessageStartingWith(key + ":4: llm.apiKey: API keys never go in sluice.yaml")
                .hasMessageNotContaining("sk-123");
        Path noModel = write("llm:\n  baseUrl: https://api.openai.com/v1\n");
        assertThatThrownBy(() -> ConfigLoader.load(noModel)).hasMessageContaining("llm needs model");
        Path badBudget = write("llm:\n  baseUrl: https://x.example/v1\n  model: m\n  budget:\n    dailyUsd: -1\n");
        assertThatThrownBy(() -> ConfigLoader.load(badBudget))
                .hasMessage(badBudget + ":5: llm.budget.dailyUsd must be an amount in US dollars >= 0, got -1");
    }

    @Test
    void should_load_an_azure_resource_with_its_api_version_deployments_and_token_parameter() throws Exception {
        SluiceConfig config = ConfigLoader.load(write("""
                llm:
                  provider: azure
                  baseUrl: https://my-resource.openai.azure.com
                  model: gpt-4o-mini
                  strongModel: o4-mini
                  apiKeyEnv: AZURE_OPENAI_API_KEY
                  tokenParameter: max_completion_tokens
                  azure:
                    apiVersion: 2024-10-21
                    deployments:
                      gpt-4o-mini: prod-mini
                """));
        var settings = config.llm().settings();
        assertThat(settings.provider()).isEqualTo(LlmSettings.Provider.AZURE);
        assertThat(settings.azure().apiVersion()).isEqualTo("2024-10-21");
        assertThat(settings.tokenParameter()).isEqualTo(TokenParameter.MAX_COMPLETION_TOKENS);
        assertThat(settings.chatCompletionsUri("gpt-4o-mini"))
                .hasToString("https://my-resource.openai.azure.com/openai/deployments/prod-mini/chat/completions"
                        + "?api-version=2024-10-21");
        assertThat(settings.chatCompletionsUri("o4-mini"))
                .as("an unmapped model goes to a deployment of its own name")
                .hasToString("https://my-resource.openai.azure.com/openai/deployments/o4-mini/chat/completions"
                        + "?api-version=2024-10-21");
        var plain = ConfigLoader.load(write("llm:\n  baseUrl: https://api.openai.com/v1\n  model: gpt-4o-mini\n"))
                .llm()
                .settings();
        assertThat(plain.provider()).as("default").isEqualTo(LlmSettings.Provider.OPENAI);
        assertThat(plain.tokenParameter()).as("default").isEqualTo(TokenParameter.AUTO);
        assertThat(plain.chatCompletionsUri("gpt-4o-mini")).hasToString("https://api.openai.com/v1/chat/completions");
    }

    @Test
    void should_name_the_azure_key_that_is_missing_or_misplaced() throws Exception {
        String head = "llm:\n  baseUrl: https://r.openai.azure.com\n  model: gpt-4o-mini\n";
        Path noVersion = write(head + "  provider: azure\n");
        assertThatThrownBy(() -> ConfigLoader.load(noVersion))
                .hasMessageStartingWith(noVersion + ":4: llm.azure.apiVersion is required with provider: azure");
        Path emptyAzure = write(head + "  provider: azure\n  azure:\n    deployments: {gpt-4o-mini: mini}\n");
        assertThatThrownBy(() -> ConfigLoader.load(emptyAzure))
                .hasMessageStartingWith(emptyAzure + ":5: llm.azure.apiVersion is required with provider: azure");
        Path notAzure = write(head + "  azure: {apiVersion: 2024-10-21}\n");
        assertThatThrownBy(() -> ConfigLoader.load(notAzure))
                .hasMessageStartingWith(notAzure + ":4: llm.azure applies to provider: azure only");
        Path typo = write(head + "  provider: azure\n  azure: {apiVersion: 2024-10-21, deployment: x}\n");
        assertThatThrownBy(() -> ConfigLoader.load(typo))
                .hasMessageStartingWith(typo + ":5: unknown key 'llm.azure.deployment' (did you mean 'deployments'?)");
        Path badName = write(head + "  provider: azure\n  azure:\n    apiVersion: 2024-10-21\n"
                + "    deployments: {gpt-4o-mini: my/deployment}\n");
        assertThatThrownBy(() -> ConfigLoader.load(badName))
                .hasMessageContaining("llm.azure.deployments.gpt-4o-mini must be a deployment name");
        Path badStrong =
                write(head + "  provider: azure\n  strongModel: llama3.1:70b\n  azure: {apiVersion: 2024-10-21}\n");
        assertThatThrownBy(() -> ConfigLoader.load(badStrong))
                .hasMessageStartingWith(badStrong + ":5: llm.strongModel: model \"llama3.1:70b\" has no entry in"
                        + " llm.azure.deployments");
        Path path = write("llm:\n  baseUrl: https://r.openai.azure.com/openai\n  model: m\n  provider: azure\n"
                + "  azure: {apiVersion: 2024-10-21}\n");
        assertThatThrownBy(() -> ConfigLoader.load(path))
                .hasMessageContaining("llm.baseUrl for provider azure is the resource alone");
        Path provider = write(head + "  provider: bedrock\n");
        assertThatThrownBy(() -> ConfigLoader.load(provider))
                .hasMessage(provider + ":4: llm.provider must be openai (any OpenAI-compatible server, the default) or"
                        + " azure (Azure OpenAI deployment URLs), got \"bedrock\"");
        Path tokens = write(head + "  tokenParameter: max_output_tokens\n");
        assertThatThrownBy(() -> ConfigLoader.load(tokens))
                .hasMessageStartingWith(tokens + ":4: llm.tokenParameter must be auto");
    }

    @Test
    void should_load_who_may_read_a_source_and_refuse_an_empty_access_list() throws Exception {
        SluiceConfig config = ConfigLoader.load(write("""
                sources:
                  - path: hr
                    access: {groups: [hr, people-ops], principals: [ceo]}
                  - path: handbook
                """));
        assertThat(config.sources().get(0).access().groups()).containsExactly("hr", "people-ops");
        assertThat(config.sources().get(0).access().principals()).containsExactly("ceo");
        assertThat(config.sources().get(1).access().open()).isTrue();
        Path empty = write("sources:\n  - path: hr\n    access: {groups: []}\n");
        assertThatThrownBy(() -> ConfigLoader.load(empty))
                .hasMessageStartingWith(empty + ":3: sources[0].access names no principal and no group");
    }
}
