package io.lpmsedge.trainer;

/** JVM flags in-process H2O needs (docs/h2o-models.md#jvm-flags). */
final class JvmFlags {
    /** H2O's Weaver defines classes through javassist → ClassLoader.defineClass. */
    static final String ADD_OPENS = "--add-opens java.base/java.lang=ALL-UNNAMED";

    private JvmFlags() {}
}
