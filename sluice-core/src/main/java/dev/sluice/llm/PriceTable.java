package dev.sluice.llm;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prices per model in US dollars per million tokens, input and output. Costs are exact integers in
 * picodollars (1e-12 USD): a price of $0.15 per million tokens is 150,000 picodollars per token, so
 * sums over the ledger are exact. A model not in the table costs nothing (local models) unless a
 * price is given. Immutable.
 */
public final class PriceTable {
    /** A model's price in picodollars per token. */
    public record Price(long inputPicoUsdPerToken, long outputPicoUsdPerToken) {
        /** From US dollars per million tokens, exact to the picodollar. */
        public static Price perMillion(String inputUsd, String outputUsd) {
            return new Price(picoPerToken(inputUsd), picoPerToken(outputUsd));
        }

        private static long picoPerToken(String usdPerMillion) {
            // USD per 1e6 tokens = 1e12 pico / 1e6 tokens: picodollars per token is USD-per-million * 1e6.
            BigDecimal value = new BigDecimal(usdPerMillion).movePointRight(6);
            if (value.signum() < 0) {
                throw new IllegalArgumentException("price must be >= 0 USD per million tokens, got " + usdPerMillion);
            }
            return value.longValueExact();
        }

        public long costPicoUsd(long inputTokens, long outputTokens) {
            return Math.addExact(
                    Math.multiplyExact(inputTokens, inputPicoUsdPerToken),
                    Math.multiplyExact(outputTokens, outputPicoUsdPerToken));
        }
    }

    private static final Price FREE = new Price(0, 0);

    /** List prices of common OpenAI models (USD per million tokens, standard tier, as published 2025). */
    private static final Map<String, Price> DEFAULTS = Map.of(
            "gpt-4o", Price.perMillion("2.50", "10.00"),
            "gpt-4o-mini", Price.perMillion("0.15", "0.60"),
            "gpt-4.1", Price.perMillion("2.00", "8.00"),
            "gpt-4.1-mini", Price.perMillion("0.40", "1.60"),
            "gpt-4.1-nano", Price.perMillion("0.10", "0.40"),
            "o4-mini", Price.perMillion("1.10", "4.40"),
            "text-embedding-3-small", Price.perMillion("0.02", "0"),
            "text-embedding-3-large", Price.perMillion("0.13", "0"),
            "text-embedding-ada-002", Price.perMillion("0.10", "0"));

    private final Map<String, Price> prices;

    private PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** The default prices; other models (local ones) are free. */
    public static PriceTable defaults() {
        return new PriceTable(DEFAULTS);
    }

    /** This table with {@code model} priced at {@code price} (replacing a default). */
    public PriceTable with(String model, Price price) {
        Map<String, Price> copy = new HashMap<>(prices);
        copy.put(model.toLowerCase(Locale.ROOT), price);
        return new PriceTable(copy);
    }

    /**
     * The price of {@code model}; a dated snapshot ({@code gpt-4o-mini-2024-07-18}) takes its base
     * model's price when it has none of its own.
     */
    public Price price(String model) {
        String key = model.toLowerCase(Locale.ROOT);
        Price exact = prices.get(key);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String known : prices.keySet()) {
            if (key.startsWith(known + "-") && (best == null || known.length() > best.length())) {
                best = known;
            }
        }
        return best == null ? FREE : prices.get(best);
    }
}
