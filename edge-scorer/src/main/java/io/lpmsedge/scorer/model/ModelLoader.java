package io.lpmsedge.scorer.model;

import hex.ModelCategory;
import hex.genmodel.GenModel;
import hex.genmodel.MojoModel;
import hex.genmodel.algos.deeplearning.DeeplearningMojoModel;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads an H2O model from a MOJO zip, a POJO source, a compiled POJO class, or a jar with one, using
 * h2o-genmodel's public API. Checks what the scorer relies on: numeric inputs only, and a category we can score.
 */
public final class ModelLoader {
    private final Path workDir;

    /** @param workDir where POJO sources are compiled to (a fresh directory per load is created inside) */
    public ModelLoader(Path workDir) {
        this.workDir = workDir;
    }

    /** A loader compiling into the system temp directory. */
    public static ModelLoader usingTempDir() {
        return new ModelLoader(Path.of(System.getProperty("java.io.tmpdir")));
    }

    public LoadedModel load(Path file) throws ModelLoadException {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(
                    "model '" + file + "' " + (Files.exists(file) ? "is not a file" : "does not exist")
                            + "; pass a MOJO .zip, a POJO .java, a compiled POJO .class or a .jar with one");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        LoadedModel loaded;
        if (name.endsWith(".zip")) {
            loaded = loadMojo(file);
        } else if (name.endsWith(".java")) {
            loaded = loadPojoSource(file);
        } else if (name.endsWith(".class")) {
            loaded = loadPojo(
                    file,
                    ModelFormat.POJO_CLASS,
                    classLoaderFor(file.toAbsolutePath().getParent()),
                    PojoNames.classNameOf(file));
        } else if (name.endsWith(".jar")) {
            loaded = loadPojoJar(file);
        } else {
            throw new ModelLoadException("model '" + file + "' has an unknown type; pass a MOJO .zip, a POJO .java, "
                    + "a compiled POJO .class or a .jar with one");
        }
        checkUsable(loaded);
        return loaded;
    }

    private static LoadedModel loadMojo(Path file) throws ModelLoadException {
        MojoModel mojo;
        try {
            mojo = MojoModel.load(file.toString());
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(
                    "cannot load MOJO '" + file + "': " + e + "; is it a MOJO zip exported by H2O (model.ini inside)?",
                    e);
        }
        double[] normMul = mojo instanceof DeeplearningMojoModel ? ((DeeplearningMojoModel) mojo)._normmul : null;
        return new LoadedModel(mojo, file, ModelFormat.MOJO, normMul);
    }

    private LoadedModel loadPojoSource(Path file) throws ModelLoadException {
        PojoCompiler compiler = PojoCompiler.system(file);
        Path out;
        try {
            Files.createDirectories(workDir);
            out = Files.createTempDirectory(workDir, "lpms-edge-pojo-");
        } catch (IOException e) {
            throw new ModelLoadException(
                    "cannot create a directory to compile POJO '" + file + "' into under " + workDir + ": "
                            + e.getMessage(),
                    e);
        }
        try {
            String className = compiler.compile(file, out);
            ClassLoader loader = classLoaderFor(out);
            defineAll(loader, out);
            return loadPojo(file, ModelFormat.POJO_SOURCE, loader, className);
        } finally {
            deleteQuietly(out);
        }
    }

    /**
     * Defines every compiled class now, so the compile directory can be deleted at once instead of piling up in
     * the temp directory on every start (H2O POJOs have many helper classes, loaded lazily otherwise).
     */
    private static void defineAll(ClassLoader loader, Path dir) throws ModelLoadException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.endsWith(".class")) {
                    Class.forName(n.substring(0, n.length() - ".class".length()), false, loader);
                }
            }
        } catch (IOException | ClassNotFoundException | LinkageError e) {
            throw new ModelLoadException("cannot load the compiled POJO classes from " + dir + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Leaving a temp directory behind is harmless; failing the load over it would not be.
        }
    }

    private LoadedModel loadPojoJar(Path file) throws ModelLoadException {
        List<String> candidates = new ArrayList<>();
        try (JarFile jar = new JarFile(file.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String n = e.nextElement().getName();
                // POJOs live in the default package; nested helper classes carry a '$'.
                if (n.endsWith(".class") && n.indexOf('/') < 0 && n.indexOf('$') < 0) {
                    candidates.add(n.substring(0, n.length() - ".class".length()));
                }
            }
        } catch (IOException e) {
            throw new ModelLoadException("cannot read jar '" + file + "': " + e.getMessage(), e);
        }
        ClassLoader loader = classLoaderFor(file);
        List<String> models = new ArrayList<>();
        for (String c : candidates) {
            try {
                if (GenModel.class.isAssignableFrom(Class.forName(c, false, loader))) {
                    models.add(c);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // Not loadable on its own: not the model class we are looking for.
            }
        }
        if (models.size() != 1) {
            throw new ModelLoadException("jar '" + file + "' has " + (models.isEmpty() ? "no" : models.size())
                    + " H2O POJO classes in the default package" + (models.isEmpty() ? "" : " " + models)
                    + "; pass a jar with exactly one, or the .class/.java itself");
        }
        return loadPojo(file, ModelFormat.POJO_JAR, loader, models.get(0));
    }

    private static LoadedModel loadPojo(Path file, ModelFormat format, ClassLoader loader, String className)
            throws ModelLoadException {
        Class<?> c;
        try {
            c = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ModelLoadException(
                    "cannot load POJO class " + className + " from '" + file + "': " + e
                            + "; compile it against h2o-genmodel and keep its nested classes (" + className
                            + "$*.class) beside it",
                    e);
        }
        if (!GenModel.class.isAssignableFrom(c)) {
            throw new ModelLoadException("class " + className + " in '" + file + "' is not an H2O model (does not "
                    + "extend hex.genmodel.GenModel); pass a POJO exported by H2O");
        }
        GenModel model;
        try {
            model = (GenModel) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ModelLoadException("cannot instantiate POJO " + className + " from '" + file + "': " + e, e);
        }
        return new LoadedModel(model, file, format, pojoNormMul(model, loader));
    }

    /**
     * A DL POJO keeps {@code norm_mul} in a package-private nested class {@code <Model>$NORMMUL} (field
     * {@code VALUES}); genmodel has no accessor for it, so it is read by reflection. Absent for models trained
     * without standardization and for every other algorithm.
     */
    private static double[] pojoNormMul(GenModel model, ClassLoader loader) throws ModelLoadException {
        if (model.getModelCategory() != ModelCategory.AutoEncoder) {
            return null;
        }
        String holder = model.getClass().getName() + "$NORMMUL";
        try {
            Field f = Class.forName(holder, true, loader).getDeclaredField("VALUES");
            f.setAccessible(true);
            return (double[]) f.get(null);
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ModelLoadException(
                    "autoencoder POJO " + model.getClass().getName() + " has an unreadable " + holder + ".VALUES (" + e
                            + "); use the model's MOJO instead",
                    e);
        }
    }

    private static void checkUsable(LoadedModel m) throws ModelLoadException {
        GenModel g = m.model();
        if (m.naturalScoreKind() == null) {
            throw new ModelLoadException("model '" + m.file() + "' is a " + g.getModelCategory() + " model; the scorer "
                    + "takes autoencoders, binomial/multinomial classifiers and regression models");
        }
        for (int i = 0; i < g.nfeatures(); i++) {
            if (g.getDomainValues(i) != null) {
                throw new ModelLoadException("model '" + m.file() + "' has a categorical input column '"
                        + g.getNames()[i] + "'; readings are numeric, retrain with numeric columns only");
            }
        }
        if (m.normMul() != null && m.normMul().length != g.nfeatures()) {
            throw new ModelLoadException("autoencoder '" + m.file() + "' has " + m.normMul().length
                    + " normalization factors for " + g.nfeatures() + " columns; the export is inconsistent");
        }
    }

    private static ClassLoader classLoaderFor(Path dirOrJar) throws ModelLoadException {
        try {
            URL url = dirOrJar.toUri().toURL();
            // Parent = the loader that has genmodel, so the POJO links against the same GenModel class we use.
            return new URLClassLoader(new URL[] {url}, GenModel.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new ModelLoadException("cannot load classes from '" + dirOrJar + "': " + e.getMessage(), e);
        }
    }
}
