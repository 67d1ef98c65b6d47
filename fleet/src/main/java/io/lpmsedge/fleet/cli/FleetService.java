package io.lpmsedge.fleet.cli;

import io.lpmsedge.fleet.FleetState;
import io.lpmsedge.fleet.http.FleetServer;
import io.lpmsedge.fleet.kafka.FleetConsumer;
import io.lpmsedge.fleet.kafka.FleetTopics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Properties;

/**
 * The fleet page as one running thing: the consumer thread feeding the state, and the HTTP server showing it.
 * What {@code lpms-edge fleet} runs, and what the demo and the tests start in-process.
 */
public final class FleetService implements AutoCloseable {
    private final FleetState state;
    private final FleetConsumer consumer;
    private final Thread thread;
    private final FleetServer server;

    private FleetService(FleetState state, FleetConsumer consumer, FleetServer server) {
        this.state = state;
        this.consumer = consumer;
        this.server = server;
        this.thread = new Thread(consumer, "fleet-consumer");
        this.thread.setDaemon(true);
    }

    /**
     * @param kafka bootstrap servers and security settings for the consumer
     * @throws IOException the address cannot be bound (the message says which and what to do)
     */
    public static FleetService start(Properties kafka, FleetTopics topics, InetSocketAddress listen, Clock clock)
            throws IOException {
        return start(kafka, topics, listen, clock, FleetState.DEFAULT_MAX_BRIDGES);
    }

    /** @param maxBridges bridge names tracked at most (memory bound; more are counted and shown) */
    public static FleetService start(
            Properties kafka, FleetTopics topics, InetSocketAddress listen, Clock clock, int maxBridges)
            throws IOException {
        FleetState state = new FleetState(clock, maxBridges);
        FleetServer server = FleetServer.start(listen, state);
        FleetConsumer consumer;
        try {
            consumer = new FleetConsumer(kafka, topics, state, clock);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        FleetService service = new FleetService(state, consumer, server);
        service.thread.start();
        return service;
    }

    public FleetState state() {
        return state;
    }

    public int port() {
        return server.port();
    }

    /** Whether the consumer thread still runs (false after a fatal Kafka error; the log says why). */
    public boolean consuming() {
        return thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        consumer.close();
        thread.join(10_000);
        server.close();
    }
}
