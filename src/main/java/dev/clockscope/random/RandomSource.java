package dev.clockscope.random;

/** The only source of randomness in ClockScope code, so runs can be replayed from a seed and tests can script dice. */
public interface RandomSource {
    /** Uniform in [0, bound). */
    int nextInt(int bound);

    /** Uniform in [0, 1). */
    double nextDouble();
}
