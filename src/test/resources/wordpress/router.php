<?php
// php -S router: every request uses this run's config file (/etc/wordpress/config-NAME.php, NAME from the
// environment), static files are served as they are, PHP files run, and everything else goes to WordPress.
$_SERVER['WORDPRESS_CONFIG'] = getenv('MANDATE_WP_CONFIG');
$root = '/usr/share/wordpress';
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if (strpos($path, '..') === false) {
    $file = $root . $path;
    if (is_dir($file) && is_file(rtrim($file, '/') . '/index.php')) {
        $file = rtrim($file, '/') . '/index.php';
    }
    if (is_file($file)) {
        if (substr($file, -4) !== '.php') {
            return false;
        }
        $_SERVER['SCRIPT_FILENAME'] = $file;
        $_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = substr($file, strlen($root));
        chdir(dirname($file));
        require $file;
        return true;
    }
}
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/index.php';
chdir($root);
require $root . '/index.php';
