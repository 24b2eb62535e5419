<?php
// Second run after install.php: the rewrite rules for the permalink structure, built with the site fully loaded.
$_SERVER['WORDPRESS_CONFIG'] = getenv('MANDATE_WP_CONFIG');
$_SERVER['HTTP_HOST'] = getenv('MANDATE_WP_HOST');
$_SERVER['REQUEST_URI'] = '/';
require '/usr/share/wordpress/wp-load.php';
flush_rewrite_rules(false);
echo "flushed\n";
