package enr4j.train;

/** Training met too many consecutive steps whose loss or gradient was not finite; the message is one line. */
public final class NonFiniteTrainingException extends IllegalStateException {
    private final long step;

    public NonFiniteTrainingException(long step, String message) {
        super(message);
        this.step = step;
    }

    /** The first step (1-based) of the run of non-finite steps that stopped training. */
    public long step() {
        return step;
    }
}
