"""Analyses of a skills graph: gaps, similarity, adjacency, learning plans, paths, clusters.

Each module works on the compact index of `skillgraph.analysis._index`, built once per
graph version; `SkillGraph` methods call into them.
"""
