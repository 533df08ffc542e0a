package dev.sluice.quality;

import java.util.Locale;

/** The kinds of personal data {@link PiiScanner} finds. */
public enum PiiKind {
    /** An e-mail address. */
    EMAIL,
    /** A telephone number: international (+CC) or a common national format. */
    PHONE,
    /** A payment card number (13-19 digits, Luhn, a known issuer prefix, card-like grouping or a card word). */
    PAYMENT_CARD,
    /** An IBAN with a valid mod-97 checksum and its country's length. */
    IBAN,
    /** A national identity or tax number with a checksum (see {@link PiiScanner}), or a US SSN with its label. */
    NATIONAL_ID;

    /**
     * The short name used in reports, configuration and redaction ({@code "[card]"}): {@code email},
     * {@code phone}, {@code card}, {@code iban}, {@code national-id}.
     */
    public String label() {
        return switch (this) {
            case PAYMENT_CARD -> "card";
            case NATIONAL_ID -> "national-id";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }

    /** The kind with this {@link #label()} or enum name, any case; the message lists the known labels. */
    public static PiiKind fromLabel(String label) {
        for (PiiKind kind : values()) {
            if (kind.label().equalsIgnoreCase(label) || kind.name().equalsIgnoreCase(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "unknown PII kind '" + label + "'; known: email, phone, card, iban, national-id");
    }
}
