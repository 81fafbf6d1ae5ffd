"""reviser: draft and check recalibration letters after a job interview that went badly."""

__version__ = "0.1.0"
