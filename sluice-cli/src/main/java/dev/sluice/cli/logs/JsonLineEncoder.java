package dev.sluice.cli.logs;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.event.KeyValuePair;

/**
 * One log event as one line of JSON, fields in this order:
 *
 * <pre>
 * {"timestamp":"2026-12-04T09:15:02.311Z","level":"INFO","logger":"sluice.access","thread":"...",
 *  "message":"GET /v1/search?q=tides 200 ...","requestId":"abc-123","traceId":"4bf9...","spanId":"00f0...",
 *  "method":"GET","status":200,...,"exception":"java.lang.IllegalStateException: ...\n\tat ..."}
 * </pre>
 *
 * <p>{@code timestamp} is ISO-8601 in UTC with milliseconds. The MDC's {@code requestId}, {@code
 * traceId} and {@code spanId} come right after the message when set, then the event's key-value pairs
 * (SLF4J's {@code addKeyValue}; numbers and booleans stay JSON numbers and booleans, anything else is
 * its string), then any other MDC entries by name, then {@code exception}: the stack trace as one
 * string. A key that repeats a field already written is left out, so every line is an object without
 * duplicate names. Newlines in messages are escaped: one event is always one line.
 *
 * <p>Logback's own {@code JsonEncoder} writes epoch milliseconds, nests the MDC and key-value pairs,
 * and structures the stack trace; collectors and {@code jq} read this flat shape more easily.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final List<String> MDC_FIRST = List.of("requestId", "traceId", "spanId");

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            Set<String> written = new HashSet<>();
            json.writeStartObject();
            field(json, written, "timestamp", TIMESTAMP.format(event.getInstant()));
            field(json, written, "level", event.getLevel().toString());
            field(json, written, "logger", event.getLoggerName());
            field(json, written, "thread", event.getThreadName());
            field(json, written, "message", event.getFormattedMessage());
            Map<String, String> mdc = event.getMDCPropertyMap();
            for (String key : MDC_FIRST) {
                if (mdc.get(key) != null) {
                    field(json, written, key, mdc.get(key));
                }
            }
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            if (pairs != null) {
                for (KeyValuePair pair : pairs) {
                    field(json, written, pair.key, pair.value);
                }
            }
            for (Map.Entry<String, String> entry : new TreeMap<>(mdc).entrySet()) {
                field(json, written, entry.getKey(), entry.getValue());
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                field(json, written, "exception", ThrowableProxyUtil.asString(thrown));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    private static void field(JsonGenerator json, Set<String> written, String name, Object value) throws IOException {
        if (name == null || !written.add(name)) {
            return;
        }
        json.writeFieldName(name);
        switch (value) {
            case null -> json.writeNull();
            case Boolean b -> json.writeBoolean(b);
            case Integer i -> json.writeNumber(i);
            case Long l -> json.writeNumber(l);
            case Short s -> json.writeNumber(s);
            case Byte b -> json.writeNumber(b);
            case BigInteger b -> json.writeNumber(b);
            case BigDecimal d -> json.writeNumber(d);
            case Double d when Double.isFinite(d) -> json.writeNumber(d);
            case Float f when Float.isFinite(f) -> json.writeNumber(f);
            default -> json.writeString(String.valueOf(value));
        }
    }
}
