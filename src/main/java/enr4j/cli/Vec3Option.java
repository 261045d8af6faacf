package enr4j.cli;

import enr4j.geometry.Vec3;

/** Parses a command-line vector {@code X,Y,Z} (three finite numbers), e.g. {@code --source-translation 0,0.1,-0.2}. */
final class Vec3Option {
    private Vec3Option() {}

    /**
     * @param option the option's name, for the error message
     * @throws IllegalArgumentException one line naming the option and the value
     */
    static Vec3 parse(String option, String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException(option + " must be X,Y,Z (three numbers, e.g. 0,0.1,-0.2), got '"
                    + text + "'");
        }
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                v[i] = Double.NaN;
            }
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(option + ": '" + parts[i].strip() + "' in '" + text
                        + "' is not a finite number");
            }
        }
        return new Vec3(v[0], v[1], v[2]);
    }
}
