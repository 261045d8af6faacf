package enr4j.cli;

/**
 * Scene counts of the train, val and test splits, parsed from {@code --split A:B:C}. Three non-negative integers that
 * add up to the scene count are counts; otherwise the three numbers are fractions that must add up to 1, and the
 * val and test counts are {@code round(N * fraction)}, train taking the rest (so counts always add up to N).
 */
record SplitSpec(int train, int val, int test) {
    static SplitSpec parse(String text, int scenes) {
        String[] parts = text.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--split must be train:val:test, e.g. 0.8:0.1:0.1, got '" + text + "'");
        }
        double[] v = new double[3];
        boolean integers = true;
        for (int i = 0; i < 3; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--split: '" + parts[i] + "' is not a number");
            }
            if (!(v[i] >= 0)) {
                throw new IllegalArgumentException("--split parts must be >= 0, got '" + text + "'");
            }
            integers &= parts[i].strip().matches("\\d+");
        }
        if (integers && v[0] + v[1] + v[2] == scenes) {
            return new SplitSpec((int) v[0], (int) v[1], (int) v[2]);
        }
        if (Math.abs(v[0] + v[1] + v[2] - 1) > 1e-6) {
            throw new IllegalArgumentException("--split '" + text + "': fractions must add up to 1 (or counts to --scenes "
                    + scenes + ")");
        }
        int val = (int) Math.round(scenes * v[1]);
        int test = (int) Math.round(scenes * v[2]);
        int train = scenes - val - test;
        if (train < 0) {
            test += train;
            train = 0;
        }
        return new SplitSpec(train, val, test);
    }
}
