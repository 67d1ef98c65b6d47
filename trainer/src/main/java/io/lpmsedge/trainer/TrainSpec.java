package io.lpmsedge.trainer;

import java.util.Arrays;

/**
 * What to train: an H2O deep-learning autoencoder.
 *
 * @param name   the model key: the POJO's class name and the artefacts' base name, so a Java identifier
 * @param hidden hidden layer sizes, e.g. 12,4,12 (a bottleneck in the middle)
 * @param epochs passes over the training rows
 * @param seed   with H2O's reproducible mode, the same data and seed give the same weights
 */
public record TrainSpec(String name, int[] hidden, double epochs, long seed) {
    public TrainSpec {
        if (name == null || !isJavaIdentifier(name)) {
            throw new IllegalArgumentException("model name '" + name + "' must be a Java identifier (letters, digits, "
                    + "_; not starting with a digit): it becomes the POJO's class name");
        }
        if (hidden.length == 0 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("hidden layers must be positive sizes, e.g. 12,4,12");
        }
        if (!(epochs > 0)) {
            throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
        }
        hidden = hidden.clone();
    }

    private static boolean isJavaIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        return s.chars().allMatch(Character::isJavaIdentifierPart) && !s.contains("$");
    }
}
