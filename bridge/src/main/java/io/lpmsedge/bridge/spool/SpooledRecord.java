package io.lpmsedge.bridge.spool;

/** An entry read back from the spool with its offset (position in the spool's total order, from 0). */
public record SpooledRecord(long offset, SpoolEntry entry) {}
