// PostGraphile v4's options for the benchmarks' baselines, copied as .postgraphilerc.js into the directory the
// benchmark starts PostGraphile from (its CLI reads that file from its working directory). sales_order is
// partitioned by month (V13): by default v4 exposes every partition as a table of its own and hides the parent, so
// `allSalesOrders` and `salesOrdersBySessionId` vanish; usePartitionedParent (the CLI's --use-partitioned-parent,
// postgraphile 4.14.1) exposes the parent and hides the partitions: the same rows as the service reads.
module.exports = { options: { usePartitionedParent: true } };
