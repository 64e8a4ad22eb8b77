// Each test class starts its own studio and Chromium; on the two-core CI machines running them one class at a time
// is steadier than four browsers competing for the CPU, and the suite still takes well under a minute.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
