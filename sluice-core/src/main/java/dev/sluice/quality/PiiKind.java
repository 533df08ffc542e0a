package dev.sluice.quality;

import java.util.Locale;

/** The kinds of personal data {@link PiiScanner} finds. */
public enum PiiKind {
    EMAIL,
    PHONE,
    PAYMENT_CARD,
    IBAN,
    NATIONAL_ID;

    /** The name in sluice.yaml, JSON and reports: {@code payment_card}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
