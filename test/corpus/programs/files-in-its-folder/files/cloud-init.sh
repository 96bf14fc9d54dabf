#!/bin/bash
# Installs and starts the web server on first boot.
dnf install -y nginx
systemctl enable --now nginx
