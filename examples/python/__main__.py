"""The console guide's server (Seoul, t3.micro, Amazon Linux 2023, 30 GB, SSH from your address
only, port 8080 open, a generated key pair) from Python, through the freetier package's SDK that
`pulumi package add` generates: the same FreeTierServer, its args in snake_case."""

import pulumi
import pulumi_freetier as freetier

config = pulumi.Config()

# The resource's name is the server's Name tag, as in the guide.
server = freetier.FreeTierServer(
    "free-tier-server",
    ssh_allowed_cidrs=config.require_object("sshAllowedCidrs"),
    app_ports=[8080],
    instance_type="t3.micro",
    os=freetier.AmazonLinux.AMAZON_LINUX2023,
    root_volume_size_gb=30,
    # No .pem and no home IP to keep current: access="instance-connect" (then leave out
    # ssh_allowed_cidrs), or access="ssm" for no port 22 at all. See docs/access.md.
    # A zero-spend budget that e-mails you at the first cent: budget_email="you@example.com".
)

pulumi.export("publicIp", server.public_ip)
pulumi.export("publicDns", server.public_dns)
pulumi.export("sshCommand", server.ssh_command)
# How to get a shell, for every access mode.
pulumi.export("connectCommand", server.connect_command)
pulumi.export("appUrls", server.app_urls)
# A secret: `pulumi stack output privateKeyPem --show-secrets > free-tier-server.pem`
pulumi.export("privateKeyPem", server.private_key_pem)
