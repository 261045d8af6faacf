package enr4j.train;

/** What the training step needs from an optimizer: clear gradients, apply one update. */
public interface ParameterOptimizer {
    void zeroGrad();

    void step();

    /** Sets the learning rate of every parameter. */
    void setLearningRate(double lr);
}
