package io.lpmsedge.scorer.model;

import hex.genmodel.GenModel;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a POJO's {@code .java} source with the JDK's compiler into a private directory. H2O writes POJOs as
 * one public class in the default package named after the model key, so the file name must be that key.
 */
final class PojoCompiler {
    private final JavaCompiler compiler;

    PojoCompiler(JavaCompiler compiler) {
        this.compiler = compiler;
    }

    /** The running JVM's compiler, or a clear error on a JRE (which has no {@code jdk.compiler} module). */
    static PojoCompiler system(Path source) throws ModelLoadException {
        return of(ToolProvider.getSystemJavaCompiler(), source);
    }

    /** {@code jc} is null on a runtime without {@code jdk.compiler}. */
    static PojoCompiler of(JavaCompiler jc, Path source) throws ModelLoadException {
        if (jc == null) {
            throw new ModelLoadException("cannot compile POJO '" + source + "': this Java runtime has no compiler "
                    + "(a JRE, not a JDK); pre-compile it (javac -cp h2o-genmodel.jar " + source.getFileName()
                    + ") and pass the .class or a jar, or use the model's MOJO zip");
        }
        return new PojoCompiler(jc);
    }

    /** Compiles {@code source} into {@code outDir}; returns the class name. */
    String compile(Path source, Path outDir) throws ModelLoadException {
        String className = PojoNames.classNameOf(source);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter compilerOut = new StringWriter();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            // The genmodel jar is named explicitly: java.class.path alone misses it under nested-jar launchers.
            String classPath = genmodelLocation() + File.pathSeparator + System.getProperty("java.class.path", "");
            List<String> options = List.of(
                    "-classpath", classPath, "-d", outDir.toString(), "-nowarn", "-proc:none", "-encoding", "UTF-8");
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjects(source.toFile());
            boolean ok = compiler.getTask(compilerOut, fm, diagnostics, options, null, units)
                    .call();
            if (!ok) {
                throw new ModelLoadException("cannot compile POJO '" + source + "': " + firstError(diagnostics)
                        + "; is it an H2O POJO named <model key>.java, exported by H2O?");
            }
        } catch (IOException e) {
            throw new ModelLoadException("cannot compile POJO '" + source + "': " + e.getMessage(), e);
        }
        if (!Files.exists(outDir.resolve(className + ".class"))) {
            throw new ModelLoadException("POJO '" + source + "' compiled but has no class " + className
                    + "; H2O names the file after its public class, rename the file to <class name>.java");
        }
        return className;
    }

    private static String firstError(DiagnosticCollector<JavaFileObject> diagnostics) {
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                return "line " + d.getLineNumber() + ": "
                        + d.getMessage(Locale.ROOT).lines().findFirst().orElse("");
            }
        }
        return "the compiler failed without a diagnostic";
    }

    private static String genmodelLocation() throws ModelLoadException {
        try {
            return Path.of(GenModel.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new ModelLoadException("cannot locate h2o-genmodel to compile a POJO against: " + e.getMessage(), e);
        }
    }
}
