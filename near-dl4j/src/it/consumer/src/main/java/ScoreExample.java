import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.score.NearResult;
import org.neardl4j.score.NearScorer;

public class ScoreExample {
    public static void main(String[] args) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(100).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().nIn(100).nOut(10).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        INDArray features = Nd4j.rand(DataType.FLOAT, 256, 784);   // your inputs, samples first

        NearScorer scorer = NearScorer.builder().repetitions(3).seed(42).build();
        NearResult result = scorer.score(net, features);   // MultiLayerNetwork or ComputationGraph; INDArray or iterator
        System.out.println(result);                        // score, then one line per matrix; result.toJson() for JSON
    }
}
