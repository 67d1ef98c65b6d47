package io.lpmsedge.protocol.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads and writes on byte arrays without allocation (LP-BUS is little-endian throughout). */
public final class LittleEndian {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {}

    public static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    public static short i16(byte[] b, int i) {
        return (short) SHORT.get(b, i);
    }

    public static int i32(byte[] b, int i) {
        return (int) INT.get(b, i);
    }

    public static long u32(byte[] b, int i) {
        return Integer.toUnsignedLong((int) INT.get(b, i));
    }

    public static float f32(byte[] b, int i) {
        return (float) FLOAT.get(b, i);
    }

    public static void putU16(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
    }

    public static void putI16(byte[] b, int i, short v) {
        SHORT.set(b, i, v);
    }

    public static void putI32(byte[] b, int i, int v) {
        INT.set(b, i, v);
    }

    public static void putF32(byte[] b, int i, float v) {
        FLOAT.set(b, i, v);
    }
}
