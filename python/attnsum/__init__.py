"""attnsum's extractive summarizer as a pyspark.ml stage.

``Summarizer`` wraps the Java ``io.attnsum.ml.Summarizer``; ``spark_conf()`` gives the settings a
SparkSession needs to load it (the jar, and the JVM module of the Java attention kernel).
"""

import sys
import types

from attnsum.jar import jar_path, spark_conf
from attnsum.summarizer import Summarizer

__all__ = ["Summarizer", "jar_path", "spark_conf"]

# pyspark's ML persistence finds a stage's Python class by the name of its Java class
# (JavaParams._from_java, DefaultParamsReader.loadParamsInstance): loading a saved Pipeline
# imports "io.attnsum.ml" and takes its Summarizer. That cannot be a real package (it would hide
# the standard library's io), so the name is registered as a module here.
if "io.attnsum.ml" not in sys.modules:
    _ml = types.ModuleType("io.attnsum.ml", "attnsum.Summarizer under its Java class's name")
    _ml.Summarizer = Summarizer
    sys.modules.setdefault("io.attnsum", types.ModuleType("io.attnsum"))
    sys.modules["io.attnsum.ml"] = _ml
