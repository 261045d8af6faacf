package enr4j.data;

/** An image a user gave that cannot become model input; the message is one line naming the file or upload. */
public final class ImageInputException extends DatasetException {

    private final boolean tooLarge;

    /**
     * @param message  one line naming the file or upload
     * @param tooLarge true when the image is refused for its size rather than its content
     */
    public ImageInputException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    /** @return true when the file or its decoded image exceeds the accepted size */
    public boolean tooLarge() {
        return tooLarge;
    }
}
