package io.livetally.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Semaphore;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * A blocking OutputStream over a Vert.x response, for an export written on its own thread: each chunk goes out on
 * the response's event loop, and the writer waits only when {@link #IN_FLIGHT} chunks are handed over but not yet
 * accepted by the socket's write queue, or when that queue is full (back-pressure: a slow client slows the export,
 * memory stays flat — at most {@link #IN_FLIGHT} chunks beyond the queue's own bound). The writer does not wait for
 * each chunk's hand-over, so it formats the next rows while the event loop writes. When the client goes away the next
 * write fails with {@link ClientGone}, so the export stops and releases its cursor.
 */
final class ResponseStream extends OutputStream {

    /** The client closed the connection: nothing more can be sent. */
    static final class ClientGone extends IOException {
        ClientGone() {
            super("the client closed the connection", null);
        }
    }

    /** Chunks handed to the event loop and not yet accepted by the socket's write queue, at most. */
    static final int IN_FLIGHT = 4;

    private final HttpServerResponse response;
    private final Context context;
    private final Semaphore permits = new Semaphore(IN_FLIGHT);
    private volatile boolean gone;
    // chunks written while the write queue was full, released together when it drains (event loop only)
    private int waitingForDrain;
    private long written;

    ResponseStream(HttpServerResponse response, Context context) {
        this.response = response;
        this.context = context;
        context.runOnContext(ignored -> response.closeHandler(closed -> clientGone()));
    }

    private void clientGone() {
        gone = true;
        // wakes a writer waiting for a permit: it sees gone
        permits.release(IN_FLIGHT);
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
        acquire();
        Buffer chunk = Buffer.buffer(length).appendBytes(bytes, offset, length);
        context.runOnContext(ignored -> {
            if (gone || response.closed()) {
                clientGone();
                return;
            }
            response.write(chunk);
            if (response.writeQueueFull()) {
                waitingForDrain++;
                response.drainHandler(drained -> {
                    permits.release(waitingForDrain);
                    waitingForDrain = 0;
                });
            } else {
                permits.release();
            }
        });
        written += length;
    }

    private void acquire() throws ClientGone {
        if (gone) {
            throw new ClientGone();
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientGone();
        }
        if (gone) {
            throw new ClientGone();
        }
    }

    /** Bytes handed over to the event loop so far. */
    long written() {
        return written;
    }

    /** Ends the response (the last chunk) after every chunk handed over (the event loop runs them in order). */
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
