import hex.deeplearning.DeepLearning;
import hex.deeplearning.DeepLearningModel;
import hex.deeplearning.DeepLearningModel.DeepLearningParameters;
import water.H2O;
import water.Key;
import water.fvec.Frame;
import water.util.ArrayUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Trains a tiny DL autoencoder with H2O 3.10.3.2 (the 2017 system's release line) and writes its POJO, the
 * training rows and H2O's own per-row reconstruction errors: the fixture that proves the edge scorer loads
 * legacy POJOs. Run by generate.sh, never by the build.
 */
public class LegacyPojo {
    public static void main(String[] args) throws Exception {
        int exit = 1;
        try {
            Path out = Path.of(args[0]);
            int port = Integer.parseInt(args[1]);
            Path ff = Files.createTempFile("ff", ".txt");
            Files.writeString(ff, "127.0.0.1:" + port + "\n");
            // H2O 3.10 refuses anything but Java 1.6-1.8 by reading java.version; no JDK 8 here, so pretend.
            String realVersion = System.getProperty("java.version");
            System.setProperty("java.version", "1.8.0_999");
            H2O.main(new String[] {"-name", "legacy" + port, "-ip", "127.0.0.1", "-port", "" + port, "-flatfile", ff.toString(),
                    "-disable_web", "-ice_root", Files.createTempDirectory("ice").toString()});
            H2O.waitForCloudSize(1, 30000);
            System.setProperty("java.version", realVersion);
            String[] names = {"acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z"};
            Random rnd = new Random(5);
            double[][] rows = new double[1000][];
            StringBuilder csv = new StringBuilder(String.join(",", names) + "\n");
            for (int i = 0; i < rows.length; i++) {
                double v = Math.sin(2 * Math.PI * 7 * i / 100.0);
                rows[i] = new double[] {0.02 * v + 0.004 * rnd.nextGaussian(), -0.01 + 0.004 * rnd.nextGaussian(),
                    -1 + 0.004 * rnd.nextGaussian(), 0.08 * v + 0.01 * rnd.nextGaussian(), 0.01 * rnd.nextGaussian(),
                    0.01 * rnd.nextGaussian()};
                StringBuilder line = new StringBuilder();
                for (double d : rows[i]) line.append(line.length() > 0 ? "," : "").append(d);
                csv.append(line).append('\n');
            }
            Frame f = ArrayUtils.frame(Key.make("train"), names, rows);
            DeepLearningParameters p = new DeepLearningParameters();
            p._train = f._key; p._autoencoder = true; p._activation = DeepLearningParameters.Activation.Tanh;
            p._hidden = new int[] {8, 3, 8}; p._epochs = 5; p._seed = 42; p._reproducible = true;
            DeepLearningModel m = new DeepLearning(p, Key.make("legacy_ae_3_10")).trainModel().get();
            Files.writeString(out.resolve("legacy_ae_3_10.java"), m.toJava(false, true));
            Frame e = m.scoreAutoEncoder(f, Key.make(), false);
            StringBuilder err = new StringBuilder("h2o_mse\n");
            for (long i = 0; i < e.numRows(); i++) err.append(e.vec(0).at(i)).append('\n');
            Files.writeString(out.resolve("legacy_rows.csv"), csv);
            Files.writeString(out.resolve("legacy_h2o_errors.csv"), err);
            System.out.println("H2O version " + H2O.ABV.projectVersion());
            exit = 0;
        } catch (Throwable t) {
            t.printStackTrace();
        } finally {
            System.exit(exit);
        }
    }
}
