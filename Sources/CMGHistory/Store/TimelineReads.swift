/// What the incident timeline reads from a store snapshot.
protocol TimelineReads {}
