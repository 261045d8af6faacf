package enr4j.datagen.synth;

import enr4j.data.DatasetException;
import java.util.Locale;

/** Which camera parameters vary between views. */
public enum ViewMode {
    /** Random azimuth/elevation, zero translation. */
    ROTATION,
    /** Azimuth = elevation = 0, random translation. */
    TRANSLATION,
    /** Random azimuth/elevation and random translation. */
    ROTOTRANSLATION;

    /** @return true when views carry a translation */
    public boolean translates() {
        return this != ROTATION;
    }

    /** @return true when views carry a random rotation */
    public boolean rotates() {
        return this != TRANSLATION;
    }

    /**
     * @param name rotation, translation or rototranslation (case-insensitive)
     * @throws DatasetException naming the value when unknown
     */
    public static ViewMode parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DatasetException("unknown view mode '" + name + "' (valid: rotation, translation, rototranslation)");
        }
    }
}
