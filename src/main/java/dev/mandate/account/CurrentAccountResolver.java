package dev.mandate.account;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Hands controllers the {@link CurrentAccount} of the request. */
@Configuration(proxyBeanMethods = false)
class CurrentAccountResolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private final SignedIn signedIn;

    CurrentAccountResolver(SignedIn signedIn) {
        this.signedIn = signedIn;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentAccount.class;
    }

    @Override
    public CurrentAccount resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        return signedIn.current().orElseThrow(() -> new InsufficientAuthenticationException("Sign in first."));
    }
}
