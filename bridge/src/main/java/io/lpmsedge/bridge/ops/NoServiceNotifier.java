package io.lpmsedge.bridge.ops;

/** Nobody listens: not started by systemd (a terminal, a test, the demo). */
enum NoServiceNotifier implements ServiceNotifier {
    INSTANCE;

    @Override
    public void ready(String status) {}

    @Override
    public void status(String status) {}

    @Override
    public void watchdog(String status) {}

    @Override
    public void startingSlowly(java.time.Duration by, String status) {}

    @Override
    public void stopping(String status) {}
}
