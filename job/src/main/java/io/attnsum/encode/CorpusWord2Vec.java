package io.attnsum.encode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.models.embeddings.learning.impl.elements.CBOW;
import org.deeplearning4j.models.embeddings.learning.impl.elements.SkipGram;
import org.deeplearning4j.models.word2vec.VocabWord;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.models.word2vec.wordstore.VocabCache;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains DL4J {@link Word2Vec} (Mikolov et al. 2013) on already tokenised sentences and returns
 * the vectors as a {@link VectorPack} with rows sorted by word, so that what is saved and packed
 * does not depend on DL4J's internal vocabulary order. Runs on the driver, on a bounded sample.
 *
 * <p>Determinism: with {@code workers = 1} and a fixed seed two trainings are bit-for-bit equal
 * (checked by {@code CorpusWord2VecTest}). What that rests on: weights are initialised from the
 * seed; negative sampling and subsampling draw from a linear-congruential {@code nextRandom} that
 * each worker thread seeds from its thread index; sentences reach the single worker in order
 * ({@code allowParallelTokenization(false)}); the learning rate decays with the word count, which
 * only one thread advances. With more workers the threads race on shared weights (Hogwild, as in
 * word2vec.c), so results then vary from run to run.
 */
public final class CorpusWord2Vec {
  private static final Logger LOG = LoggerFactory.getLogger(CorpusWord2Vec.class);

  private CorpusWord2Vec() {}

  /** Tokens are space-joined for DL4J's whitespace tokenizer; tokens must hold no whitespace. */
  public static VectorPack train(List<String[]> sentences, VectorSettings.Training t) {
    if (t.cbowWithNegativeSampling()) {
      // Its native cbow op throws "context must have rank 0/1 or 2" in the worker thread, which
      // dies while fit() waits for it forever: refuse instead of hanging.
      throw new IllegalArgumentException(
          "DL4J Word2Vec cannot train CBOW with negative sampling; use negative = 0 or skip-gram");
    }
    // Word2Vec is the driver's first use of ND4J: fail with the reason if it cannot start.
    Nd4jBackends.requireLoadable();
    long start = System.nanoTime();
    Collection<String> lines = new ArrayList<>(sentences.size());
    Map<String, Integer> tokenCounts = new HashMap<>();
    for (String[] tokens : sentences) {
      if (tokens.length > 0) {
        lines.add(String.join(" ", tokens));
        for (String token : tokens) {
          tokenCounts.merge(token, 1, Integer::sum);
        }
      }
    }
    if (tokenCounts.values().stream().noneMatch(c -> c >= t.minCount())) {
      // DL4J cannot train an empty vocabulary; no word has a vector, all tokens are unknown.
      LOG.warn("No word occurs {} times in {} sentences: no vectors trained", t.minCount(),
          lines.size());
      return new VectorPack(new String[0], new float[0], t.dimensions(), new long[0]);
    }
    Word2Vec w2v =
        new Word2Vec.Builder()
            .layerSize(t.dimensions())
            .windowSize(t.window())
            .minWordFrequency(t.minCount())
            .epochs(t.epochs())
            .iterations(1)
            .learningRate(t.learningRate())
            .minLearningRate(1e-4)
            .negativeSample(t.negative())
            .useHierarchicSoftmax(t.negative() == 0)
            .sampling(t.subsampling())
            .seed(t.seed())
            .workers(t.workers())
            .allowParallelTokenization(false)
            .elementsLearningAlgorithm(
                t.algorithm() == VectorSettings.Algorithm.CBOW
                    ? new CBOW<VocabWord>()
                    : new SkipGram<VocabWord>())
            .iterate(new CollectionSentenceIterator(lines))
            .tokenizerFactory(new DefaultTokenizerFactory())
            .build();
    w2v.fit();

    VocabCache<VocabWord> vocab = w2v.getVocab();
    String[] words = vocab.words().toArray(new String[0]);
    Arrays.sort(words);
    int dim = t.dimensions();
    float[] data = new float[words.length * dim];
    long[] counts = new long[words.length];
    INDArray syn0 = w2v.getLookupTable().getWeights(); // [vocabulary, dim]
    for (int i = 0; i < words.length; i++) {
      int row = vocab.indexOf(words[i]);
      float[] v = syn0.getRow(row).toFloatVector();
      System.arraycopy(v, 0, data, i * dim, dim);
      counts[i] = (long) vocab.wordFrequency(words[i]);
    }
    LOG.info(
        "Trained Word2Vec ({}) on {} sentences: {} words x {} dims in {} ms",
        t.fingerprint(), lines.size(), words.length, dim, (System.nanoTime() - start) / 1_000_000);
    return new VectorPack(words, data, dim, counts);
  }
}
