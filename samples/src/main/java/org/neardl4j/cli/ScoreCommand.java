package org.neardl4j.cli;

import com.google.common.collect.ImmutableList;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neardl4j.cli.builtin.BundledFashionMnist;
import org.neardl4j.cli.builtin.DefaultCnn;
import org.neardl4j.cli.io.InputCheck;
import org.neardl4j.cli.io.InvalidInputException;
import org.neardl4j.cli.io.ModelFiles;
import org.neardl4j.cli.io.NpyFiles;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code near-cli score}: the NEAR score of a model saved with DL4J's {@code ModelSerializer} on inputs from
 * NumPy {@code .npy} files, or, without {@code --model}, of a built-in small CNN ({@link DefaultCnn}) on real
 * Fashion-MNIST images bundled in the jar ({@link BundledFashionMnist}). All samples go through the network as
 * one batch. Prints a table, or with {@code --json} exactly one JSON object (the fields of
 * {@link NearResult#toJson()} plus {@code model} and {@code inputs}).
 *
 * <pre>{@code
 * java -jar samples/target/near-cli.jar score --model net.zip --input x.npy --block first --json
 * }</pre>
 */
public final class ScoreCommand implements Command {

    static final Options OPTIONS = Options.builder()
            .value("model", "FILE.zip", "model saved with ModelSerializer (MultiLayerNetwork or ComputationGraph);"
                    + " without it: built-in CNN on " + BundledFashionMnist.COUNT + " bundled Fashion-MNIST images")
            .repeatable("input", "FILE.npy", "input array shaped as the network's input, samples first; one per"
                    + " network input, in the network's input order")
            .value("repetitions", "R", "repetitions; the 1st uses the model's weights, the others fresh"
                    + " initialisations (default 1)")
            .value("seed", "S", "seed for block choice and fresh initialisations (default "
                    + NearScorer.defaults().seed() + ")")
            .value("block", "first|random", "first: every block starts at row 0 (deterministic); random: start"
                    + " drawn with the seed among the starts where a full block fits (default random)")
            .value("max-samples", "N", "use only the first N samples")
            .flag("json", "print one JSON object instead of a table")
            .flag("verbose", "print stack traces of failures and ND4J's log")
            .flag("help", "print this help")
            .build();

    @Override
    public String name() {
        return "score";
    }

    @Override
    public String summary() {
        return "NEAR score of a saved DL4J model on .npy inputs (or of a built-in CNN on bundled Fashion-MNIST)";
    }

    @Override
    public String usage() {
        String nl = System.lineSeparator();
        return "usage: " + NearCli.PROGRAM + " score [--model FILE.zip --input FILE.npy [--input FILE2.npy ...]]"
                + nl + "         [--repetitions R] [--seed S] [--block first|random] [--max-samples N] [--json]"
                + " [--verbose]" + nl + nl
                + summary() + "." + nl + nl
                + "options:" + nl + OPTIONS.describe() + nl
                + "--json prints one object: score, scores (total per repetition), matrices (layer, index, kind"
                + " pre|post," + nl + "rows, cols, effectiveRank, ... of the first repetition in forward order),"
                + " skipped, warnings," + nl + "plus provenance (standardDeviation, repetitions, samples, blockMode,"
                + " seed, backend, model, inputs)." + nl + nl
                + NearCli.exitCodes();
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws CliException {
        Options.Parsed p = OPTIONS.parse(args);
        int repetitions = p.intValue("repetitions", 1, 1);
        long seed = p.longValue("seed", NearScorer.defaults().seed());
        BlockMode block = p.enumValue("block", BlockMode.class, BlockMode.RANDOM);
        long maxSamples = p.longValue("max-samples", Long.MAX_VALUE, 1);
        Optional<String> modelFile = p.value("model");
        ImmutableList<String> inputFiles = p.values("input");
        if (modelFile.isEmpty() && !inputFiles.isEmpty()) {
            throw CliException.usage("--input needs --model (without --model the built-in CNN is scored on bundled"
                    + " images)");
        }
        if (modelFile.isPresent() && inputFiles.isEmpty()) {
            throw CliException.usage("--model needs at least one --input FILE.npy");
        }

        Subject s = modelFile.isPresent() ? fromFiles(modelFile.get(), inputFiles) : builtIn();
        s.limit(maxSamples);
        s.checkFinite();

        NearScorer scorer = NearScorer.builder().repetitions(repetitions).seed(seed).blockMode(block).build();
        long started = System.nanoTime();
        NearResult result;
        try {
            result = scorer.score(s.model, s.features.toArray(new INDArray[0]));
        } catch (RuntimeException e) {
            throw CliException.badInput(CliException.oneLine(e), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        if (p.has("json")) {
            out.println(json(result, s));
        } else {
            out.println("model: " + s.modelDescription);
            for (int i = 0; i < s.features.size(); i++) {
                out.println("input: " + s.inputDescription(i));
            }
            out.print(result);
            for (String w : s.warnings) {
                out.println("warning: " + w);
            }
            out.printf(Locale.ROOT, "scored in %.1f s%n", seconds);
        }
        out.flush();
        return NearCli.EXIT_OK;
    }

    /** The result's JSON with the CLI's provenance ({@code model}, {@code inputs}) and warnings added. */
    static String json(NearResult result, Subject s) {
        JsonObject o = new JsonParser().parse(result.toJson()).getAsJsonObject();
        JsonArray warnings = o.getAsJsonArray("warnings");
        for (String w : s.warnings) {
            warnings.add(w);
        }
        o.addProperty("model", s.modelDescription);
        JsonArray inputs = new JsonArray();
        for (int i = 0; i < s.features.size(); i++) {
            JsonObject in = new JsonObject();
            in.addProperty("name", s.inputNames.get(i));
            in.addProperty("file", s.sources.get(i));
            JsonArray shape = new JsonArray();
            for (long d : s.features.get(i).shape()) {
                shape.add(d);
            }
            in.add("shape", shape);
            in.addProperty("dataType", s.features.get(i).dataType().name());
            inputs.add(in);
        }
        o.add("inputs", inputs);
        return new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o);
    }

    private static Subject builtIn() {
        INDArray x = BundledFashionMnist.load(BundledFashionMnist.COUNT).getFeatures();
        return new Subject(DefaultCnn.build(), DefaultCnn.DESCRIPTION, List.of(x), List.of("input"),
                List.of("bundled " + BundledFashionMnist.RESOURCE_DIR + "/" + BundledFashionMnist.IMAGES
                        + " (real Fashion-MNIST test images 0.." + (x.size(0) - 1) + ", pixels / 255)"));
    }

    private static Subject fromFiles(String modelFile, List<String> inputFiles) throws CliException {
        try {
            ModelFiles.Loaded loaded = ModelFiles.load(Paths.get(modelFile));
            Model model = loaded.model();
            DataType type = ModelFiles.dataType(model);
            List<INDArray> raw = new ArrayList<>();
            for (String f : inputFiles) {
                raw.add(NpyFiles.read(Paths.get(f)));
            }
            InputCheck.check(model, raw, inputFiles);
            List<String> warnings = new ArrayList<>();
            if (loaded.hasNormalizer()) {
                warnings.add("the model file holds a data normalizer; it was NOT applied: give inputs that are"
                        + " already normalised");
            }
            List<INDArray> cast = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                INDArray x = raw.get(i);
                if (!x.dataType().isFPType()) {
                    warnings.add("input " + inputFiles.get(i) + " holds " + x.dataType() + " values; they were cast"
                            + " to " + type + " without scaling");
                }
                cast.add(x.dataType() == type ? x : x.castTo(type));
            }
            return new Subject(model, loaded.description(), cast, ModelFiles.inputNames(model), inputFiles)
                    .withWarnings(warnings);
        } catch (InvalidInputException e) {
            throw CliException.badInput(e.getMessage(), e);
        }
    }

    /** The model and inputs of one run, with how to describe them. */
    static final class Subject {
        final Model model;
        final String modelDescription;
        final List<INDArray> features;
        final List<String> inputNames;
        final List<String> sources;
        final List<String> warnings = new ArrayList<>();

        Subject(Model model, String modelDescription, List<INDArray> features, List<String> inputNames,
                List<String> sources) {
            this.model = model;
            this.modelDescription = modelDescription;
            this.features = new ArrayList<>(features);
            this.inputNames = List.copyOf(inputNames);
            this.sources = List.copyOf(sources);
        }

        Subject withWarnings(List<String> w) {
            warnings.addAll(w);
            return this;
        }

        String inputDescription(int i) {
            INDArray x = features.get(i);
            return inputNames.get(i) + " <- " + sources.get(i) + " " + Arrays.toString(x.shape()) + " " + x.dataType();
        }

        /** Keeps the first {@code max} samples of every input. */
        void limit(long max) {
            for (int i = 0; i < features.size(); i++) {
                INDArray x = features.get(i);
                if (x.size(0) > max) {
                    INDArrayIndex[] idx = new INDArrayIndex[x.rank()];
                    idx[0] = NDArrayIndex.interval(0, max);
                    for (int d = 1; d < idx.length; d++) {
                        idx[d] = NDArrayIndex.all();
                    }
                    features.set(i, x.get(idx).dup('c'));
                }
            }
        }

        /** Rejects NaN and infinite input values, naming the input and the first sample that has one. */
        void checkFinite() throws CliException {
            for (int i = 0; i < features.size(); i++) {
                INDArray x = features.get(i);
                boolean nan = x.isNaN().any();
                if (nan || x.isInfinite().any()) {
                    INDArray bad = (nan ? x.isNaN() : x.isInfinite()).castTo(DataType.FLOAT)
                            .reshape('c', x.size(0), x.length() / x.size(0)).sum(1);
                    long first = -1;
                    double[] perSample = bad.toDoubleVector();
                    for (int n = 0; n < perSample.length && first < 0; n++) {
                        if (perSample[n] > 0) {
                            first = n;
                        }
                    }
                    throw CliException.badInput("input " + sources.get(i) + " contains " + (nan ? "NaN" : "infinite")
                            + " values (first in sample " + first + ")");
                }
            }
        }
    }
}
