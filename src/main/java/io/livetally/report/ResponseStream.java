package io.livetally.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * A blocking OutputStream over a Vert.x response, for an export written on its own thread: each chunk goes out on
 * the response's event loop, and the writer waits while the socket's write queue is full (back-pressure: a slow
 * client slows the export, memory stays flat). When the client goes away the next write fails with
 * {@link ClientGone}, so the export stops and releases its cursor.
 */
final class ResponseStream extends OutputStream {

    /** The client closed the connection: nothing more can be sent. */
    static final class ClientGone extends IOException {
        ClientGone() {
            super("the client closed the connection", null);
        }
    }

    private final HttpServerResponse response;
    private final Context context;
    private volatile boolean gone;
    private volatile CompletableFuture<Void> pending;
    private long written;

    ResponseStream(HttpServerResponse response, Context context) {
        this.response = response;
        this.context = context;
        context.runOnContext(ignored -> response.closeHandler(closed -> clientGone()));
    }

    private void clientGone() {
        gone = true;
        CompletableFuture<Void> waiting = pending;
        if (waiting != null) {
            waiting.completeExceptionally(new ClientGone());
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        if (gone) {
            throw new ClientGone();
        }
        Buffer chunk = Buffer.buffer(length).appendBytes(bytes, offset, length);
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending = done;
        context.runOnContext(ignored -> {
            if (gone || response.closed()) {
                done.completeExceptionally(new ClientGone());
                return;
            }
            response.write(chunk);
            if (response.writeQueueFull()) {
                response.drainHandler(drained -> done.complete(null));
            } else {
                done.complete(null);
            }
        });
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientGone();
        } catch (ExecutionException e) {
            throw new ClientGone();
        } finally {
            pending = null;
        }
        written += length;
    }

    /** Bytes handed to the socket so far. */
    long written() {
        return written;
    }

    /** Ends the response (the last chunk), once everything was written. */
    void end() {
        context.runOnContext(ignored -> {
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        });
    }

    /** Cuts the response short so the client cannot take a partial file for a whole one. */
    void abort() {
        context.runOnContext(ignored -> {
            if (!response.ended() && !response.closed()) {
                response.reset();
            }
        });
    }
}
