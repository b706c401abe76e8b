"""attnsum.Summarizer: the pyspark.ml wrapper of the Java io.attnsum.ml.Summarizer."""

from typing import Any, Dict, List, Optional, Union

from pyspark import keyword_only
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.util import JavaMLReadable, JavaMLReader, JavaMLWritable
from pyspark.ml.wrapper import JavaTransformer

JAVA_CLASS = "io.attnsum.ml.Summarizer"


def _config_entries(value: Union[Dict[str, Any], List[str]]) -> List[str]:
    """The config param's value: a dict of job keys, or a list of "key=value"."""
    if isinstance(value, dict):
        return [f"{key}={_config_value(v)}" for key, v in sorted(value.items())]
    return TypeConverters.toListString(value)


def _config_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class _Reader(JavaMLReader):
    """Loads a saved Summarizer through the Java class's own reader."""

    @classmethod
    def _java_loader_class(cls, clazz: type) -> str:
        return JAVA_CLASS


class Summarizer(JavaTransformer, JavaMLReadable, JavaMLWritable):
    """Extractive summaries of a DataFrame's text column, by the attnsum batch job's engine.

    Adds four columns: ``summary`` (the selected sentences in document order, one per line),
    ``summarySentences`` (their indices), ``sentences`` (every sentence: index, text, start, end,
    score, rank, selected, known_tokens) and ``error`` (why a row has no summary: the job's
    rejection reason, e.g. ``EMPTY_TEXT``, ``TOO_LARGE``; else null). Every row comes out.

    ``transform`` runs one Spark job at once (the corpus's word counts, which the ranking uses)
    and returns a lazily computed DataFrame. Params default to the job's ``reference.conf``;
    ``setConfig(key, value)`` takes other job keys. A bad value raises ``ValueError`` naming the
    param (checked by the job's own configuration loading).
    """

    textCol = Param(Params._dummy(), "textCol",
                    "input.text-field: input column of the documents' text (string, or binary"
                    " UTF-8)", typeConverter=TypeConverters.toString)
    idCol = Param(Params._dummy(), "idCol",
                  "optional input column of the documents' ids; with it, rows without an id are"
                  " rejected (MISSING_ID)", typeConverter=TypeConverters.toString)
    summaryCol = Param(Params._dummy(), "summaryCol", "output column of the summary",
                       typeConverter=TypeConverters.toString)
    summarySentencesCol = Param(Params._dummy(), "summarySentencesCol",
                                "output column of the summary's sentence indices",
                                typeConverter=TypeConverters.toString)
    outputCol = Param(Params._dummy(), "outputCol",
                      "output column of every sentence with its score and rank",
                      typeConverter=TypeConverters.toString)
    errorCol = Param(Params._dummy(), "errorCol",
                     "output column of the reason a row was not summarised",
                     typeConverter=TypeConverters.toString)
    workDir = Param(Params._dummy(), "workDir",
                    "folder every executor can read, for each transform's corpus files and the"
                    " static encoder cache; default under a local master:"
                    " <java.io.tmpdir>/attnsum-<user>", typeConverter=TypeConverters.toString)
    budget = Param(Params._dummy(), "budget",
                   "summary.budget: sentences | words | chars | ratio",
                   typeConverter=TypeConverters.toString)
    numSentences = Param(Params._dummy(), "numSentences",
                         "summary.sentences: sentences per summary for budget = sentences",
                         typeConverter=TypeConverters.toInt)
    ratio = Param(Params._dummy(), "ratio", "summary.ratio: share of the sentences",
                  typeConverter=TypeConverters.toFloat)
    maxWords = Param(Params._dummy(), "maxWords", "summary.max-words: tokens for budget = words",
                     typeConverter=TypeConverters.toInt)
    maxChars = Param(Params._dummy(), "maxChars",
                     "summary.max-chars: characters for budget = chars",
                     typeConverter=TypeConverters.toInt)
    language = Param(Params._dummy(), "language", "text.language: auto | en | zh",
                     typeConverter=TypeConverters.toString)
    encoderMode = Param(Params._dummy(), "encoderMode",
                        "encoder.mode: static | contextual | word-vectors",
                        typeConverter=TypeConverters.toString)
    encoderModel = Param(Params._dummy(), "encoderModel",
                         "encoder.model: auto | all-minilm-l6-v2 | bge-small-zh-v1.5",
                         typeConverter=TypeConverters.toString)
    encoderPath = Param(Params._dummy(), "encoderPath",
                        "encoder.path: a folder with your own model.onnx and tokenizer.json",
                        typeConverter=TypeConverters.toString)
    encoderCachePath = Param(Params._dummy(), "encoderCachePath",
                             "encoder.cache-path: where static packs are kept",
                             typeConverter=TypeConverters.toString)
    vectorsPath = Param(Params._dummy(), "vectorsPath",
                        "vectors.path: word-vectors mode's pretrained vectors",
                        typeConverter=TypeConverters.toString)
    embeddingWeight = Param(Params._dummy(), "embeddingWeight",
                            "rank.embedding-weight: embedding share of the sentence graph",
                            typeConverter=TypeConverters.toFloat)
    positionWeight = Param(Params._dummy(), "positionWeight",
                           "rank.position-weight: position prior weight",
                           typeConverter=TypeConverters.toFloat)
    redundancy = Param(Params._dummy(), "redundancy", "rank.redundancy: mmr | trigram",
                       typeConverter=TypeConverters.toString)
    mmrLambda = Param(Params._dummy(), "mmrLambda",
                      "rank.mmr-lambda: MMR relevance against novelty",
                      typeConverter=TypeConverters.toFloat)
    config = Param(Params._dummy(), "config",
                   "other job keys, as a dict or a list of key=value (see setConfig)",
                   typeConverter=_config_entries)

    @keyword_only
    def __init__(self, *, textCol: Optional[str] = None, idCol: Optional[str] = None,
                 summaryCol: Optional[str] = None, summarySentencesCol: Optional[str] = None,
                 outputCol: Optional[str] = None, errorCol: Optional[str] = None,
                 workDir: Optional[str] = None, budget: Optional[str] = None,
                 numSentences: Optional[int] = None, ratio: Optional[float] = None,
                 maxWords: Optional[int] = None, maxChars: Optional[int] = None,
                 language: Optional[str] = None, encoderMode: Optional[str] = None,
                 encoderModel: Optional[str] = None, encoderPath: Optional[str] = None,
                 encoderCachePath: Optional[str] = None, vectorsPath: Optional[str] = None,
                 embeddingWeight: Optional[float] = None, positionWeight: Optional[float] = None,
                 redundancy: Optional[str] = None, mmrLambda: Optional[float] = None,
                 config: Optional[Union[Dict[str, Any], List[str]]] = None) -> None:
        super().__init__()
        self._java_obj = self._new_java_obj(JAVA_CLASS, self.uid)
        # The defaults are the Java stage's, which reads them from the job's reference.conf.
        self._transfer_params_from_java()
        self.setParams(**self._input_kwargs)

    @keyword_only
    def setParams(self, **kwargs: Any) -> "Summarizer":
        """Sets params by keyword (the constructor's)."""
        return self._set(**kwargs)

    def _set(self, **kwargs: Any) -> "Summarizer":
        # Each value is checked by the Java param at once (the job's own check of its key), so a
        # bad one fails here, naming the param, rather than at transform.
        java_obj = getattr(self, "_java_obj", None)
        for name, value in kwargs.items():
            if value is None or java_obj is None:
                continue
            param = self.getParam(name)
            try:
                converted = param.typeConverter(value)
            except TypeError as e:
                raise ValueError(f"Summarizer param {name}: {e}") from None
            try:
                self._make_java_param_pair(param, converted)
            except Exception as e:  # py4j's error, or pyspark's conversion of it
                raise ValueError(_java_message(e)) from None
        return super()._set(**kwargs)

    def setConfig(self, key: str, value: Any) -> "Summarizer":
        """Sets any other job key that decides what a summary is, e.g. ``rank.damping``.

        Unknown keys fail with a "did you mean"; keys of the batch job alone (input and output
        paths, run ids) and keys that have a param of their own are refused.
        """
        entries = self.getConfig()
        entries[key] = value
        return self._set(config=entries)

    def getConfig(self) -> Dict[str, str]:
        """The keys set with setConfig."""
        out: Dict[str, str] = {}
        for entry in self.getOrDefault(self.config):
            key, _, value = entry.partition("=")
            out[key.strip()] = value
        return out

    @classmethod
    def read(cls) -> JavaMLReader:
        return _Reader(cls)

    def setTextCol(self, value: str) -> "Summarizer":
        return self._set(textCol=value)

    def getTextCol(self) -> str:
        return self.getOrDefault(self.textCol)

    def setIdCol(self, value: str) -> "Summarizer":
        return self._set(idCol=value)

    def getIdCol(self) -> str:
        return self.getOrDefault(self.idCol)

    def setSummaryCol(self, value: str) -> "Summarizer":
        return self._set(summaryCol=value)

    def setSummarySentencesCol(self, value: str) -> "Summarizer":
        return self._set(summarySentencesCol=value)

    def setOutputCol(self, value: str) -> "Summarizer":
        return self._set(outputCol=value)

    def setErrorCol(self, value: str) -> "Summarizer":
        return self._set(errorCol=value)

    def setWorkDir(self, value: str) -> "Summarizer":
        return self._set(workDir=value)

    def setBudget(self, value: str) -> "Summarizer":
        return self._set(budget=value)

    def setNumSentences(self, value: int) -> "Summarizer":
        return self._set(numSentences=value)

    def getNumSentences(self) -> int:
        return self.getOrDefault(self.numSentences)

    def setRatio(self, value: float) -> "Summarizer":
        return self._set(ratio=value)

    def setMaxWords(self, value: int) -> "Summarizer":
        return self._set(maxWords=value)

    def setMaxChars(self, value: int) -> "Summarizer":
        return self._set(maxChars=value)

    def setLanguage(self, value: str) -> "Summarizer":
        return self._set(language=value)

    def setEncoderMode(self, value: str) -> "Summarizer":
        return self._set(encoderMode=value)

    def setEncoderModel(self, value: str) -> "Summarizer":
        return self._set(encoderModel=value)

    def setEncoderPath(self, value: str) -> "Summarizer":
        return self._set(encoderPath=value)

    def setEncoderCachePath(self, value: str) -> "Summarizer":
        return self._set(encoderCachePath=value)

    def setVectorsPath(self, value: str) -> "Summarizer":
        return self._set(vectorsPath=value)

    def setEmbeddingWeight(self, value: float) -> "Summarizer":
        return self._set(embeddingWeight=value)

    def setPositionWeight(self, value: float) -> "Summarizer":
        return self._set(positionWeight=value)

    def setRedundancy(self, value: str) -> "Summarizer":
        return self._set(redundancy=value)

    def setMmrLambda(self, value: float) -> "Summarizer":
        return self._set(mmrLambda=value)


def _java_message(e: Exception) -> str:
    """The Java exception's own message, without py4j's wrapping and the JVM stack."""
    java_exception = getattr(e, "java_exception", None)
    if java_exception is not None:
        return java_exception.getMessage()
    # pyspark's captured exception: its text is the message, then the JVM stack when enabled.
    return str(e).split("\n\nJVM stacktrace:")[0]
