package enr4j.eval;

/** Hears about each scene as {@link Evaluator} finishes it (e.g. to drive a progress bar). */
@FunctionalInterface
public interface EvaluationListener {
    /** Does nothing. */
    EvaluationListener NONE = (done, total, score) -> { };

    /**
     * @param done  scenes finished so far, including this one
     * @param total scenes in the test set
     * @param score the finished scene's scores
     */
    void sceneDone(int done, int total, SceneScore score);
}
