import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.proxy.ProxyOptions;
import org.neardl4j.proxy.ProxyResult;
import org.neardl4j.proxy.ZeroCostProxies;
import org.neardl4j.proxy.ZeroCostProxy;
import org.neardl4j.score.NearScorer;

public class ProxiesExample {
    public static void main(String[] args) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(100).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(100).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        INDArray features = Nd4j.rand(DataType.FLOAT, 64, 784);      // one batch of real inputs
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 64, 10);        // and their labels, one-hot
        for (int i = 0; i < 64; i++) {
            labels.putScalar(i, i % 10, 1);
        }
        DataSet batch = new DataSet(features, labels);

        // NEAR and every baseline; the baselines use the scorer's repetitions and seed
        for (ZeroCostProxy proxy : ZeroCostProxies.all(ProxyOptions.of(NearScorer.builder().seed(42).build()))) {
            ProxyResult r = proxy.score(net, batch);                // the model is not changed
            System.out.printf("%-10s %14.4f%n", proxy.name(), r.score());
        }
    }
}
