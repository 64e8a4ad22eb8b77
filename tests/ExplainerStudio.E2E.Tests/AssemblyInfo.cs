// Each test class starts its own studio and Chromium; on the two-core CI machines running them one class at a time
// is steadier than four browsers competing for the CPU (alone the suite takes about 8 minutes there; beside the Web
// tests, which run at the same time, about twice that).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
