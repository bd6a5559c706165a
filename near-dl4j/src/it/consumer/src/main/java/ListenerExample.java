import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.neardl4j.listener.NearListener;

import java.util.Arrays;

public class ListenerExample {
    public static void main(String[] args) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3))
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(100).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(100).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        INDArray features = Nd4j.rand(DataType.FLOAT, 256, 784);     // your training data
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 256, 10);
        for (int i = 0; i < 256; i++) {
            labels.putScalar(i, i % 10, 1);
        }

        NearListener near = NearListener.builder().atStart().everyEpochs(1).build();
        net.setListeners(near);   // logs "NEAR epoch 1 iteration 1 (epoch_end): ..." through SLF4J (INFO)
        net.fit(new SingletonDataSetIterator(new DataSet(features, labels)), 2);
        System.out.println("NEAR per evaluation: " + Arrays.toString(near.history().scores()));
    }
}
