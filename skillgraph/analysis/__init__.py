"""Analyses of a skills graph: gaps, similarity, adjacency, learning plans, paths, clusters.

Each module works on the compact index of :mod:`skillgraph.analysis._index`, built once per
graph version; :class:`~skillgraph.SkillGraph` methods call into them.
"""
