package io.lpmsedge.scorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.scorer.TestModels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {
    @TempDir
    Path dir;

    private ModelLoader loader() {
        return new ModelLoader(dir.resolve("work"));
    }

    private String loadError(Path file) {
        return assertThrows(ModelLoadException.class, () -> loader().load(file)).getMessage();
    }

    /** Compiles the committed POJO with javac, as a user pre-compiling for a JRE would. */
    private Path compilePojo() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "-nowarn",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-d",
                        classes.toString(),
                        TestModels.file("ae.java").toString());
        assertEquals(0, rc);
        return classes;
    }

    @Test
    void allFourFormatsLoadTheSameModelAndScoreIdentically() throws Exception {
        Path classes = compilePojo();
        Path jar = dir.resolve("ae-pojo.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.list(classes)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                out.putNextEntry(new JarEntry(f.getFileName().toString()));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        LoadedModel mojo = loader().load(TestModels.file("ae.zip"));
        List<LoadedModel> pojos = List.of(
                loader().load(TestModels.file("ae.java")),
                loader().load(classes.resolve("ae.class")),
                loader().load(jar));
        assertEquals(
                List.of(ModelFormat.POJO_SOURCE, ModelFormat.POJO_CLASS, ModelFormat.POJO_JAR),
                pojos.stream().map(LoadedModel::format).toList());
        assertEquals(ModelFormat.MOJO, mojo.format());
        assertNotNull(mojo.normMul());
        RowScorer reference = RowScorers.create(mojo, ScoreKind.RECONSTRUCTION_MSE, null);
        double[][] rows = TestModels.normalRows();
        for (LoadedModel p : pojos) {
            assertEquals(mojo.columns(), p.columns());
            assertEquals(List.of(mojo.normMul()[0], mojo.normMul()[5]), List.of(p.normMul()[0], p.normMul()[5]));
            RowScorer s = RowScorers.create(p, ScoreKind.RECONSTRUCTION_MSE, null);
            for (int i = 0; i < rows.length; i += 7) {
                // The POJO and the MOJO carry the same weights and normalization: bit-identical errors.
                assertEquals(reference.score(rows[i]), s.score(rows[i]), 0.0, p.format() + " row " + i);
            }
        }
    }

    @Test
    void scoringLeavesTheCallersRowAlone() {
        RowScorer s = RowScorers.create(TestModels.load("ae.zip"), ScoreKind.RECONSTRUCTION_MSE, null);
        double[] row = {Double.NaN, 0.1, -1, 0, 0, 0};
        double score = s.score(row);
        assertTrue(Double.isNaN(row[0]));
        assertTrue(Double.isNaN(score), "a missing input has no defined error, as in H2O");
    }

    @Test
    void missingAndUnknownFilesSayWhatToPass() {
        assertTrue(loadError(dir.resolve("nope.zip"))
                .contains("does not exist; pass a MOJO .zip, a POJO .java, "
                        + "a compiled POJO .class or a .jar with one"));
        assertTrue(loadError(dir).contains("is not a file"));
    }

    @Test
    void unknownExtensionIsRejected() throws IOException {
        Path f = Files.writeString(dir.resolve("model.txt"), "x");
        assertTrue(loadError(f).contains("has an unknown type"));
    }

    @Test
    void aZipThatIsNotAMojoIsRejected() throws IOException {
        Path f = Files.write(dir.resolve("bad.zip"), new byte[] {'P', 'K', 3, 4, 0, 0});
        assertTrue(loadError(f).startsWith("cannot load MOJO '" + f + "'"));
        assertTrue(loadError(f).endsWith("is it a MOJO zip exported by H2O (model.ini inside)?"));
    }

    @Test
    void aPojoThatDoesNotCompileNamesTheLine() throws IOException {
        Path f = Files.writeString(dir.resolve("Broken.java"), "public class Broken {\n  int x = ;\n}\n");
        String msg = loadError(f);
        assertTrue(msg.startsWith("cannot compile POJO '" + f + "': line 2: "), msg);
    }

    @Test
    void aRenamedPojoDoesNotCompileBecauseTheClassIsPublic() throws IOException {
        Path f = Files.copy(TestModels.file("ae.java"), dir.resolve("renamed.java"));
        String msg = loadError(f);
        assertTrue(msg.startsWith("cannot compile POJO"), msg);
        assertTrue(msg.contains("class ae is public, should be declared in a file named ae.java"), msg);
    }

    @Test
    void aClassThatIsNotAModelIsRejected() throws IOException {
        Path f = Files.writeString(dir.resolve("Plain.java"), "public class Plain { }\n");
        assertTrue(loadError(f).contains("class Plain in '" + f + "' is not an H2O model"));
    }

    @Test
    void aJarWithoutAModelIsRejected() throws IOException {
        Path jar = dir.resolve("empty.jar");
        try (OutputStream o = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(o)) {
            out.putNextEntry(new JarEntry("readme.txt"));
            out.closeEntry();
        }
        assertTrue(loadError(jar).contains("has no H2O POJO classes in the default package"));
    }

    @Test
    void withoutACompilerTheErrorSaysToPrecompileOrUseTheMojo() {
        Path src = Path.of("ae.java");
        String msg = assertThrows(ModelLoadException.class, () -> PojoCompiler.of(null, src))
                .getMessage();
        assertEquals(
                "cannot compile POJO 'ae.java': this Java runtime has no compiler (a JRE, not a JDK); "
                        + "pre-compile it (javac -cp h2o-genmodel.jar ae.java) and pass the .class or a jar, or use the "
                        + "model's MOJO zip",
                msg);
    }

    @Test
    void scoreKindsMustFitTheModel() {
        LoadedModel ae = TestModels.load("ae.zip");
        assertEquals(ScoreKind.RECONSTRUCTION_MSE, ae.naturalScoreKind());
        String msg = assertThrows(
                        IllegalArgumentException.class,
                        () -> RowScorers.create(ae, ScoreKind.CLASS_PROBABILITY, "FAIL"))
                .getMessage();
        assertEquals(
                "score.kind 'class-probability' does not fit model ae.zip, which is a AutoEncoder model; use "
                        + "'reconstruction-mse'",
                msg);
    }
}
