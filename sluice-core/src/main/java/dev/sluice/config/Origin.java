package dev.sluice.config;

/**
 * Where an effective setting came from: a flag, a line of sluice.yaml, or the built-in default.
 * {@code sluice config show --effective} prints it beside each value; messages about a value name
 * it the way it came ({@code --max-tokens} or {@code chunking.maxTokens}).
 *
 * @param kind flag, file or default
 * @param detail the flag ({@code --max-tokens}), the file and line ({@code sluice.yaml:7}), or empty
 */
public record Origin(Kind kind, String detail) {
    public enum Kind {
        FLAG,
        FILE,
        DEFAULT
    }

    public static final Origin DEFAULT = new Origin(Kind.DEFAULT, "");

    public static Origin flag(String flag) {
        return new Origin(Kind.FLAG, flag);
    }

    public static Origin file(java.nio.file.Path file, int line) {
        return new Origin(Kind.FILE, file.getFileName() + (line > 0 ? ":" + line : ""));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FLAG -> "flag " + detail;
            case FILE -> detail;
            case DEFAULT -> "default";
        };
    }
}
