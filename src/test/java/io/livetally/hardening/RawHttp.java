package io.livetally.hardening;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One HTTP/1.1 exchange on a fresh socket, bytes exactly as given, read within a deadline: the answer (status,
 * headers, body, de-chunked), and whether the server closed the connection after it when it had to.
 */
final class RawHttp implements AutoCloseable {

    /** What came back. {@code status} is 0 when no complete status line and headers arrived. */
    record Exchange(int status, Map<String, List<String>> headers, byte[] body, boolean closed, boolean timedOut,
            long millis) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A server closes right after its answer: on loopback a second is ages. */
    private static final long CLOSE_WITHIN_MILLIS = 1_000;

    private final String host;
    private final int port;
    private final long deadlineMillis;
    /** Writes happen beside the reads: a server that answers early and stops reading must not block the test. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "fuzz-writer");
        thread.setDaemon(true);
        return thread;
    });

    RawHttp(String host, int port, long deadlineMillis) {
        this.host = host;
        this.port = port;
        this.deadlineMillis = deadlineMillis;
    }

    /**
     * Sends the request; with {@code halfClose} the client then shuts its output (for bodies shorter than
     * announced). With {@code mustClose} the connection is read on after the answer until the server closes it.
     */
    Exchange send(byte[] request, boolean halfClose, boolean mustClose, boolean head) throws IOException {
        long start = System.nanoTime();
        long deadline = System.currentTimeMillis() + deadlineMillis;
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            writer.submit(() -> {
                try {
                    socket.getOutputStream().write(request);
                    socket.getOutputStream().flush();
                    if (halfClose) {
                        socket.shutdownOutput();
                    }
                } catch (IOException closedByServer) {
                    // the server may answer and close before it read everything: its answer is what counts
                }
            });
            Reader in = new Reader(socket, deadline);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            int status = 0;
            byte[] body = new byte[0];
            boolean complete = false;
            try {
                do {
                    status = in.head(headers);
                } while (status >= 100 && status < 200 && status != 101);
                if (status != 0) {
                    body = in.body(status, headers, head);
                    complete = true;
                }
                boolean closeExpected = mustClose || headerHas(headers, "connection", "close") || !complete;
                boolean closed = closeExpected ? in.waitForEof() : in.eof();
                return new Exchange(status, headers, body, closed, !complete && !closed, millis(start));
            } catch (SocketTimeoutException e) {
                return new Exchange(complete ? status : 0, headers, body, false, true, millis(start));
            }
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    static boolean headerHas(Map<String, List<String>> headers, String name, String token) {
        return headers.getOrDefault(name, List.of()).stream().flatMap(v -> List.of(v.split(",")).stream())
                .anyMatch(v -> v.strip().equalsIgnoreCase(token));
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }

    /** Reads from the socket within the deadline; EOF (or a reset) is remembered. */
    private static final class Reader {

        private final Socket socket;
        private final InputStream in;
        private long deadline;
        private boolean eof;

        Reader(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 65_536);
            this.deadline = deadline;
        }

        boolean eof() {
            return eof;
        }

        private int read() throws IOException {
            if (eof) {
                return -1;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new SocketTimeoutException("deadline");
            }
            socket.setSoTimeout((int) left);
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException reset) {
                b = -1;
            }
            if (b == -1) {
                eof = true;
            }
            return b;
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = read()) != -1;) {
                if (b == '\n') {
                    break;
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        /** The status line and headers (names lower-cased); 0 when the connection ended first. */
        int head(Map<String, List<String>> headers) throws IOException {
            headers.clear();
            String status = line();
            if (eof && status.isEmpty() || !status.startsWith("HTTP/")) {
                return 0;
            }
            for (String header; !(header = line()).isEmpty();) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            k -> new ArrayList<>()).add(header.substring(colon + 1).strip());
                }
                if (eof) {
                    return 0;
                }
            }
            String[] parts = status.split(" ");
            try {
                return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        byte[] body(int status, Map<String, List<String>> headers, boolean head) throws IOException {
            if (head || status == 204 || status == 304 || status == 101) {
                return new byte[0];
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (headerHas(headers, "transfer-encoding", "chunked")) {
                for (long size; (size = chunkSize(line())) > 0;) {
                    copy(body, size);
                    line();
                }
                while (!line().isEmpty() && !eof) {
                    // trailers
                }
            } else if (headers.containsKey("content-length")) {
                copy(body, Long.parseLong(headers.get("content-length").get(0)));
            } else {
                for (int b; (b = read()) != -1;) {
                    body.write(b);
                }
            }
            return body.toByteArray();
        }

        private static long chunkSize(String line) {
            try {
                return Long.parseLong(line.split(";")[0].strip(), 16);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private void copy(ByteArrayOutputStream body, long size) throws IOException {
            for (long i = 0; i < size; i++) {
                int b = read();
                if (b == -1) {
                    return;
                }
                body.write(b);
            }
        }

        /** True when the server closes the connection within a second (and before the deadline). */
        boolean waitForEof() throws IOException {
            deadline = Math.min(deadline, System.currentTimeMillis() + CLOSE_WITHIN_MILLIS);
            try {
                while (read() != -1) {
                    // anything after a final answer is ignored: the point is whether the socket closes
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            }
        }
    }
}
