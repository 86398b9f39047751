#!/usr/bin/env node
import '../dist/clientfit.js';
