"""Sourced, point-in-time facts on international arrest warrants for newsrooms."""
