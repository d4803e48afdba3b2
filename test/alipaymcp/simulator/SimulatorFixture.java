package alipaymcp.simulator;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One simulator on the shared test keys, and a client of it, for all the tests of a class: started before
 * the first test and closed after the last. One test instance per class, so each class has its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SimulatorFixture {
    private static final AtomicInteger ORDERS = new AtomicInteger();

    GatewaySimulator sim;
    SimClient client;

    @BeforeAll
    void startSimulator() throws Exception {
        sim = GatewaySimulator.start(TestKeys.options());
        client = new SimClient(sim);
    }

    @AfterAll
    void stopSimulator() {
        sim.close();
    }

    /** A fresh out_trade_no. */
    static String newOrder() {
        return "O" + System.nanoTime() + "_" + ORDERS.incrementAndGet();
    }
}
