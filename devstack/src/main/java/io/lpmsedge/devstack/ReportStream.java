package io.lpmsedge.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Writes v3 delivery reports in request order as each record's produce completes, on its own thread, while the
 * request thread keeps reading records. This is what lets a client stream records over one chunked connection and
 * read each report as soon as it exists, without the stand-in waiting for the end of the body.
 *
 * <p>With no output stream (a delayed or dropped answer) the reports are buffered instead.
 */
final class ReportStream implements Runnable {
    private static final CompletableFuture<ObjectNode> END = new CompletableFuture<>();

    private final BlockingQueue<CompletableFuture<ObjectNode>> queue = new LinkedBlockingQueue<>();
    private final ObjectMapper mapper;
    private final OutputStream out;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    ReportStream(ObjectMapper mapper, OutputStream out) {
        this.mapper = mapper;
        this.out = out;
    }

    void add(CompletableFuture<ObjectNode> report) {
        queue.add(report);
    }

    /** Marks the end of the records and waits until every report has been written (or buffered). */
    void finishAndWait() throws InterruptedException {
        queue.add(END);
        try {
            done.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    byte[] buffered() {
        return buffer.toByteArray();
    }

    @Override
    public void run() {
        boolean clientGone = false;
        try {
            while (true) {
                CompletableFuture<ObjectNode> next = queue.take();
                if (next == END) {
                    break;
                }
                // join() even when the client is gone: the records are still being produced, and the request
                // must not finish before they are.
                byte[] report = mapper.writeValueAsBytes(next.join());
                if (out == null) {
                    buffer.write(report);
                } else if (!clientGone) {
                    try {
                        out.write(report);
                        out.flush();
                    } catch (IOException e) {
                        clientGone = true;
                    }
                }
            }
            done.complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
        }
    }
}
