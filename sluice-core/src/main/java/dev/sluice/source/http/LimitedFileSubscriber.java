package dev.sluice.source.http;

import dev.sluice.core.Hashing;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Writes a response body to a file (or discards it when the file is null), hashing it on the way,
 * and cancels the exchange as soon as it passes the size limit, so an endless or huge body costs at
 * most {@code maxBytes} of disk and bandwidth.
 */
final class LimitedFileSubscriber implements HttpResponse.BodySubscriber<LimitedFileSubscriber.Body> {
    /** What was received: size and SHA-256 (hex) of the whole body. */
    record Body(long sizeBytes, String sha256) {}

    /** The body passed the limit; the exchange was cancelled. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long maxBytes) {
            super("the response is larger than the limit of " + maxBytes + " bytes");
        }
    }

    private final Path file;
    private final long maxBytes;
    private final long declaredBytes;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private final MessageDigest digest;
    private FileChannel channel;
    private Flow.Subscription subscription;
    private long received;

    /** @param declaredBytes the Content-Length header, or -1: a body declared too large is refused unread */
    LimitedFileSubscriber(Path file, long maxBytes, long declaredBytes) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.declaredBytes = declaredBytes;
        this.digest = Hashing.sha256();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declaredBytes > maxBytes) {
            s.cancel();
            result.completeExceptionally(new TooLargeException(maxBytes));
            return;
        }
        try {
            if (file != null) {
                channel = FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            }
            s.request(1);
        } catch (IOException e) {
            s.cancel();
            result.completeExceptionally(e);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
                if (received > maxBytes && file == null) {
                    // An error page being discarded: enough has been read, the status is what counts.
                    subscription.cancel();
                    result.complete(new Body(received, ""));
                    return;
                }
                if (received > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                digest.update(buffer.duplicate());
                while (channel != null && buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            subscription.request(1);
        } catch (IOException e) {
            subscription.cancel();
            closeQuietly();
            result.completeExceptionally(e);
        }
    }

    @Override
    public void onError(Throwable error) {
        closeQuietly();
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        try {
            if (channel != null) {
                channel.close();
            }
            result.complete(new Body(received, Hashing.hex(digest)));
        } catch (IOException e) {
            result.completeExceptionally(e);
        }
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    private void closeQuietly() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the body failed already; that failure is the one reported
        }
    }
}
