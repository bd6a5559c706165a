package org.neardl4j.cli;

import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.score.NearScorer;
import org.neardl4j.cli.io.InputCheck;
import org.neardl4j.cli.io.InvalidInputException;
import org.neardl4j.cli.io.ModelFiles;
import org.neardl4j.cli.io.NpyFiles;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.Candidate;
import org.neardl4j.tune.RankingResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code near-cli rank}: ranks several saved models by NEAR (averaged over repetitions) on the same {@code .npy}
 * inputs, optionally next to measured accuracies (Spearman's rho, Kendall's tau, top-k overlap). Candidates are
 * named by their file name without {@code .zip}; the accuracies CSV holds {@code name,value} lines with those names
 * (a trailing {@code .zip} is accepted).
 *
 * <pre>{@code
 * java -jar samples/target/near-cli.jar rank --models a.zip b.zip c.zip --input x.npy --accuracies acc.csv --json
 * }</pre>
 */
public final class RankCommand implements Command {

    static final Options OPTIONS = Options.builder()
            .repeatable("models", "FILE.zip ...", "models saved with ModelSerializer; several files may follow one"
                    + " --models")
            .repeatable("input", "FILE.npy", "input array shaped as the networks' input (all models take the same"
                    + " inputs), one per network input")
            .value("repetitions", "R", "initialisations averaged per model (default 3)")
            .value("seed", "S", "seed for block choice and fresh initialisations (default 12345)")
            .value("block", "first|random", "block choice (default random)")
            .value("max-samples", "N", "use only the first N samples")
            .flag("saved-weights", "score repetition 1 with the weights in the file (default: every repetition on"
                    + " fresh initialisations, so that trained files are ranked at initialisation)")
            .value("accuracies", "FILE.csv", "name,value lines of a measured metric (higher is better)")
            .value("csv", "FILE.csv", "also write the ranking as CSV")
            .flag("json", "print one JSON object instead of a table")
            .flag("verbose", "print stack traces of failures")
            .flag("help", "print this help")
            .build();

    @Override
    public String name() {
        return "rank";
    }

    @Override
    public String summary() {
        return "rank saved DL4J models by NEAR on the same .npy inputs, optionally against measured accuracies";
    }

    @Override
    public String usage() {
        String nl = System.lineSeparator();
        return "usage: " + NearCli.PROGRAM + " rank --models A.zip B.zip ... --input FILE.npy [--input FILE2.npy]"
                + nl + "         [--repetitions R] [--seed S] [--block first|random] [--max-samples N]"
                + " [--saved-weights]" + nl + "         [--accuracies ACC.csv] [--csv OUT.csv] [--json] [--verbose]"
                + nl + nl + summary() + "." + nl + nl + "options:" + nl + OPTIONS.describe() + nl
                + NearCli.exitCodes();
    }

    /** {@code --models a b c} -> {@code --models a --models b --models c}. */
    static String[] expandModels(String[] args) {
        List<String> out = new ArrayList<>();
        boolean inModels = false;
        for (String a : args) {
            if (a.startsWith("--")) {
                inModels = a.equals("--models");
                out.add(a);
            } else if (inModels && !out.get(out.size() - 1).equals("--models")) {
                out.add("--models");
                out.add(a);
            } else {
                out.add(a);
            }
        }
        return out.toArray(new String[0]);
    }

    static String candidateName(String file) {
        String n = Paths.get(file).getFileName().toString();
        return n.endsWith(".zip") ? n.substring(0, n.length() - 4) : n;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws CliException {
        Options.Parsed p = OPTIONS.parse(expandModels(args));
        List<String> modelFiles = p.values("models");
        List<String> inputFiles = p.values("input");
        if (modelFiles.size() < 2) {
            throw CliException.usage("rank needs at least two --models files");
        }
        if (inputFiles.isEmpty()) {
            throw CliException.usage("rank needs at least one --input FILE.npy");
        }
        int repetitions = p.intValue("repetitions", 3, 1);
        long seed = p.longValue("seed", 12345L);
        BlockMode block = p.enumValue("block", BlockMode.class, BlockMode.RANDOM);
        long maxSamples = p.longValue("max-samples", Long.MAX_VALUE, 1);

        List<Candidate> candidates = new ArrayList<>();
        INDArray[] features = null;
        try {
            List<INDArray> raw = new ArrayList<>();
            for (String f : inputFiles) {
                raw.add(NpyFiles.read(Paths.get(f)));
            }
            Map<String, String> seen = new LinkedHashMap<>();
            for (String f : modelFiles) {
                String name = candidateName(f);
                if (seen.put(name, f) != null) {
                    throw CliException.usage("two models are named '" + name + "': " + seen.get(name) + " and " + f);
                }
                Model model = ModelFiles.load(Paths.get(f)).model();
                InputCheck.check(model, raw, inputFiles);
                if (features == null) {
                    DataType type = ModelFiles.dataType(model);
                    features = new INDArray[raw.size()];
                    for (int i = 0; i < raw.size(); i++) {
                        INDArray x = raw.get(i).dataType() == type ? raw.get(i) : raw.get(i).castTo(type);
                        features[i] = x;
                    }
                }
                candidates.add(Candidate.ofModel(name, model));
            }
        } catch (InvalidInputException e) {
            throw CliException.badInput(e.getMessage(), e);
        }

        RankingResult result;
        try {
            result = ArchitectureRanking.builder().scorer(NearScorer.builder().repetitions(repetitions).seed(seed)
                            .blockMode(block).maxSamples(maxSamples).build()).freshWeights(!p.has("saved-weights")).build()
                    .rank(candidates, features);
        } catch (RuntimeException e) {
            throw CliException.badInput(CliException.oneLine(e), e);
        }
        if (p.value("accuracies").isPresent()) {
            Path acc = Paths.get(p.value("accuracies").get());
            try {
                Map<String, Double> values = new LinkedHashMap<>();
                for (Map.Entry<String, Double> e : RankingResult.readMetricCsv(acc).entrySet()) {
                    values.put(candidateName(e.getKey()), e.getValue());
                }
                result = result.withMetric("accuracy", values);
            } catch (IOException e) {
                throw CliException.badInput("cannot read " + acc + ": " + CliException.oneLine(e), e);
            } catch (RuntimeException e) {
                throw CliException.badInput(CliException.oneLine(e), e);
            }
        }
        if (p.value("csv").isPresent()) {
            Path csv = Paths.get(p.value("csv").get());
            try {
                result.writeCsv(csv);
            } catch (IOException e) {
                throw CliException.badInput("cannot write " + csv + ": " + CliException.oneLine(e), e);
            }
        }
        out.println(p.has("json") ? result.toJson() : result.toString());
        out.flush();
        return NearCli.EXIT_OK;
    }
}
