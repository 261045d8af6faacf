package enr4j.cli;

import enr4j.datagen.synth.Background;

/** The {@code --background} of commands that read a user's image: the colour behind its transparent pixels. */
final class InputBackground {

    static final String HELP = "colour behind transparent pixels of the input: the training images' background,"
            + " white, black, R,G,B (each 0-255) or #rrggbb (default: ${DEFAULT-VALUE})";

    private InputBackground() {
    }

    /** @return 0xRRGGBB */
    static int parse(String text) {
        Background background = Background.parse(text);
        if (background.transparent()) {
            throw new IllegalArgumentException("--background: the model takes opaque images; use the colour its"
                    + " training images were rendered on (white, black or #rrggbb)");
        }
        return background.red() << 16 | background.green() << 8 | background.blue();
    }
}
